// The one download route (API.md: file URLs are opaque and come in responses). Who gets which
// bytes is the subject's FilePolicy (serve.ts); the policies are registered in app.ts by the
// features that own the subjects.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBody } from "../../contracts/errors.ts";
import type { Deps } from "../core/deps.ts";
import { FILE_VARIANTS, type FilePolicies, fileForDownload, sendStoredFile } from "./serve.ts";

// Anyone may ask; the signed-in may get more (http/openapi.ts optionalSignIn, spelled here so that
// files/ does not import http/, which imports files/).
const security: { [label: string]: string[] }[] = [{}, { bearer: [] }, { cookie: [] }];

const FileParams = z.object({
  fileId: z.string().min(1).max(100),
  variant: z.enum(FILE_VARIANTS),
});

export const fileRoutes =
  (deps: Deps, policies: FilePolicies): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/files/:fileId/:variant",
      {
        schema: {
          tags: ["files"],
          summary:
            "An attached file: whatever its subject's policy grants — the watermarked thumbnail and preview, or the original too (then the thumbnail is clean); 404 when the subject is hidden from you",
          params: FileParams,
          security,
          response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        const storage = deps.files;
        const { file, download } = await fileForDownload(
          deps.db,
          storage,
          policies,
          request.params,
          request.actor,
        );
        return sendStoredFile(reply, storage, file, { download });
      },
    );
  };
