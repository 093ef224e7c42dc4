// The service editor (/services/new, /services/:id/edit): title, description, category and the
// packages side by side — basic, standard, premium, each offered or not (1–3) with its price,
// delivery days, revisions and what it includes. Edits apply to new orders only. Once the service
// exists: the gallery (image upload with progress) and pause / resume.
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useRef, useState } from "react";
import { useDocumentTitle, useI18n } from "../../../app/i18n/I18nProvider.tsx";
import { Link, useNavigate, useParams, useSearchParams } from "../../../app/router.tsx";
import { AsyncView } from "../../../components/AsyncView.tsx";
import { Button, ButtonLink } from "../../../components/Button.tsx";
import { Card } from "../../../components/Card.tsx";
import { cx } from "../../../components/cx.ts";
import { formClass, SelectField, SwitchField, TextAreaField, TextField } from "../../../components/Field.tsx";
import { FileInput } from "../../../components/FileInput.tsx";
import { Icon } from "../../../components/Icon.tsx";
import { MoneyField } from "../../../components/MoneyField.tsx";
import { Notice } from "../../../components/Notice.tsx";
import page from "../../../components/Page.module.css";
import { api, type UploadProgress, uploadWithProgress } from "../../../lib/api.ts";
import { categoriesQuery } from "../../../lib/categories.ts";
import { errorDetail, passesCheck } from "../../../lib/errors.ts";
import { parseYuan, yuanInput } from "../../../lib/parse-money.ts";
import { CategoryOptions } from "../../contests/components/ContestBits.tsx";
import { loginHref, useViewer } from "../../contests/session.ts";
import shared from "../../orders/orders.module.css";
import {
  GALLERY_ACCEPT,
  MAX_GALLERY,
  type Service,
  type ServiceTier,
  serviceErrors,
  serviceErrorText,
  serviceQuery,
  TIERS,
  tierKey,
  useServiceChanged,
} from "../api.ts";
import { Gallery, OwnerBar } from "../components/ServiceBits.tsx";
import styles from "../services.module.css";

type PkgDraft = { on: boolean; price: string; days: string; revisions: string; description: string };
type PkgErrors = Partial<Record<"price" | "days" | "revisions", string>>;
type Errors = {
  title?: string;
  description?: string;
  packages?: string;
  pkg?: Partial<Record<ServiceTier, PkgErrors>>;
};

const defaults: Record<ServiceTier, PkgDraft> = {
  basic: { on: true, price: "", days: "7", revisions: "1", description: "" },
  standard: { on: false, price: "", days: "10", revisions: "2", description: "" },
  premium: { on: false, price: "", days: "14", revisions: "3", description: "" },
};

export function ServiceEditorPage() {
  const { id } = useParams();
  const { t } = useI18n();
  useDocumentTitle(t(id ? "services.editor.editTitle" : "services.editor.newTitle"));
  const viewer = useViewer();
  const service = useQuery({ ...serviceQuery(id ?? ""), enabled: Boolean(id) });
  if (viewer.status === "ready" && !viewer.me) {
    return (
      <div className={cx("container", "section", shared.narrow)}>
        <h1>{t("services.editor.newTitle")}</h1>
        <Notice
          icon="lock"
          action={
            <Link to={loginHref(id ? `/services/${id}/edit` : "/services/new")}>
              {t("services.signInAction")}
            </Link>
          }
        >
          {t("services.editor.signIn")}
        </Notice>
      </div>
    );
  }
  if (viewer.status === "loading" || (id && !service.data)) {
    return (
      <div className={cx("container", "section", shared.loading)}>
        {id && (
          <AsyncView query={service} loadingLabel={t("services.loading")} errors={serviceErrors}>
            {() => null}
          </AsyncView>
        )}
      </div>
    );
  }
  if (service.data && viewer.me?.id !== service.data.providerId) {
    return (
      <div className="container section">
        <Notice tone="error">{t("services.error.notYours")}</Notice>
      </div>
    );
  }
  return <Editor key={service.data?.id ?? "new"} service={service.data} />;
}

function draftsOf(service: Service | undefined): Record<ServiceTier, PkgDraft> {
  if (!service) return defaults;
  const out = { ...defaults };
  for (const tier of TIERS) {
    const p = service.packages.find((x) => x.tier === tier);
    out[tier] = p
      ? {
          on: true,
          price: yuanInput(p.priceMinor),
          days: String(p.deliveryDays),
          revisions: String(p.revisions),
          description: p.description,
        }
      : { ...defaults[tier], on: false };
  }
  return out;
}

const wholeNumber = (text: string, min: number, max: number) =>
  /^\d{1,3}$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

function Editor({ service }: { service?: Service }) {
  const { t } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const changed = useServiceChanged();
  const categories = useQuery(categoriesQuery);
  const [title, setTitle] = useState(service?.title ?? "");
  const [description, setDescription] = useState(service?.description ?? "");
  const [categoryId, setCategoryId] = useState(service?.categoryId ?? "");
  const [pkgs, setPkgs] = useState(() => draftsOf(service));
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: unknown) =>
      service
        ? api.patch<{ service: Service }>(`/services/${encodeURIComponent(service.id)}`, body)
        : api.post<{ service: Service }>("/services", body),
  });
  const setPkg = (tier: ServiceTier, change: Partial<PkgDraft>) =>
    setPkgs((all) => ({ ...all, [tier]: { ...all[tier], ...change } }));

  function validate(): Errors {
    const next: Errors = {};
    if (!title.trim()) next.title = t("services.editor.err.title");
    if (!description.trim()) next.description = t("services.editor.err.description");
    const on = TIERS.filter((tier) => pkgs[tier].on);
    if (on.length === 0) next.packages = t("services.editor.err.noPackage");
    const pkgErrors: Partial<Record<ServiceTier, PkgErrors>> = {};
    for (const tier of on) {
      const p = pkgs[tier];
      const e: PkgErrors = {};
      const price = parseYuan(p.price);
      if (price === null || price <= 0) e.price = t("services.editor.err.price");
      if (!wholeNumber(p.days, 1, 365)) e.days = t("services.editor.err.days");
      if (!wholeNumber(p.revisions, 0, 20)) e.revisions = t("services.editor.err.revisions");
      if (Object.keys(e).length > 0) pkgErrors[tier] = e;
    }
    if (Object.keys(pkgErrors).length > 0) next.pkg = pkgErrors;
    return next;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!passesCheck(validate(), setErrors)) return;
    const body = {
      title: title.trim(),
      description: description.trim(),
      categoryId: categoryId || null,
      packages: TIERS.filter((tier) => pkgs[tier].on).map((tier) => ({
        tier,
        priceMinor: parseYuan(pkgs[tier].price) as number,
        deliveryDays: Number(pkgs[tier].days),
        revisions: Number(pkgs[tier].revisions),
        description: pkgs[tier].description.trim(),
      })),
    };
    try {
      const res = await save.mutateAsync(body);
      await changed();
      if (service) setSaved(true);
      else navigate(`/services/${res.service.id}/edit?created=1`, { replace: true });
    } catch {
      // Shown below from save.error.
    }
  }

  return (
    <div className="container section">
      <header className={page.head}>
        <div>
          <p className="eyebrow">{t("services.mode")}</p>
          <h1>{t(service ? "services.editor.editTitle" : "services.editor.newTitle")}</h1>
          <p className="section__lead">{t("services.editor.lead")}</p>
        </div>
        {service && (
          <ButtonLink to={`/services/${service.id}`} variant="secondary">
            {t("services.editor.view")}
          </ButtonLink>
        )}
      </header>
      {service && <OwnerBar service={service} editing />}
      {params.get("created") === "1" && service && (
        <Notice tone="success" role="status" className={styles.created}>
          {t("services.editor.created")}
        </Notice>
      )}
      <form className={formClass} onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`} className="visually-hidden">
          {t(service ? "services.editor.editTitle" : "services.editor.newTitle")}
        </h2>
        <TextField
          id={`${id}-title`}
          label={t("services.editor.fTitle")}
          hint={t("services.editor.hTitle")}
          error={errors.title}
          maxLength={120}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextAreaField
          id={`${id}-desc`}
          label={t("services.editor.fDescription")}
          error={errors.description}
          rows={6}
          maxLength={10_000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <SelectField
          id={`${id}-cat`}
          label={t("services.editor.fCategory")}
          value={categoryId}
          onChange={(e) => setCategoryId(e.target.value)}
        >
          <option value="">{t("services.editor.noCategory")}</option>
          <CategoryOptions tree={categories.data} />
        </SelectField>

        <fieldset className={styles.pkgEditor} aria-describedby={`${id}-pkg-hint`}>
          <legend>{t("services.editor.packages")}</legend>
          <p id={`${id}-pkg-hint`} className={shared.muted}>
            {t("services.editor.packagesHint")}
          </p>
          {errors.packages && (
            <Notice tone="error" compact>
              {errors.packages}
            </Notice>
          )}
          <div className={styles.pkgColumns}>
            {TIERS.map((tier) => {
              const p = pkgs[tier];
              const e = errors.pkg?.[tier] ?? {};
              const base = `${id}-${tier}`;
              return (
                <section
                  key={tier}
                  className={cx(styles.pkgColumn, !p.on && styles["pkgColumn--off"])}
                  aria-labelledby={`${base}-h`}
                  data-testid={`pkg-${tier}`}
                >
                  <h3 id={`${base}-h`}>{t(tierKey[tier])}</h3>
                  <SwitchField
                    id={`${base}-on`}
                    checked={p.on}
                    onChange={(on) => setPkg(tier, { on })}
                    label={t("services.editor.offer", { tier: t(tierKey[tier]) })}
                    explain={t(p.on ? "services.editor.offerOn" : "services.editor.offerOff")}
                  />
                  {p.on && (
                    <>
                      <MoneyField
                        id={`${base}-price`}
                        label={t("services.editor.price")}
                        error={e.price}
                        value={p.price}
                        onChange={(text) => setPkg(tier, { price: text })}
                      />
                      <TextField
                        id={`${base}-days`}
                        label={t("services.editor.days")}
                        error={e.days}
                        inputMode="numeric"
                        value={p.days}
                        onChange={(ev) => setPkg(tier, { days: ev.target.value })}
                      />
                      <TextField
                        id={`${base}-rev`}
                        label={t("services.editor.revisions")}
                        error={e.revisions}
                        inputMode="numeric"
                        value={p.revisions}
                        onChange={(ev) => setPkg(tier, { revisions: ev.target.value })}
                      />
                      <TextAreaField
                        id={`${base}-desc`}
                        label={t("services.editor.includes")}
                        rows={3}
                        maxLength={2000}
                        value={p.description}
                        onChange={(ev) => setPkg(tier, { description: ev.target.value })}
                      />
                    </>
                  )}
                </section>
              );
            })}
          </div>
        </fieldset>
        {service && <p className={shared.muted}>{t("services.editor.newOrdersOnly")}</p>}
        {save.isError && (
          <Notice tone="error" detail={errorDetail(save.error)}>
            {serviceErrorText(t, save.error)}
          </Notice>
        )}
        {saved && (
          <Notice tone="success" role="status" compact>
            {t("services.editor.saved")}
          </Notice>
        )}
        <div className="button-row">
          <Button type="submit" variant="accent" size="lg" disabled={save.isPending}>
            {save.isPending
              ? t("services.sending")
              : t(service ? "services.editor.save" : "services.editor.create")}
          </Button>
        </div>
      </form>
      {service && <GalleryUpload service={service} />}
    </div>
  );
}

function GalleryUpload({ service }: { service: Service }) {
  const { t } = useI18n();
  const id = useId();
  const changed = useServiceChanged();
  const picker = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const room = MAX_GALLERY - service.gallery.length;
  async function upload(event: FormEvent) {
    event.preventDefault();
    if (files.length === 0) return;
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    setError(null);
    setProgress({ loaded: 0, total: 1 });
    try {
      await uploadWithProgress(`/services/${encodeURIComponent(service.id)}/gallery`, form, {
        onProgress: setProgress,
      });
      setFiles([]);
      if (picker.current) picker.current.value = "";
      await changed();
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  }
  const percent = progress ? Math.round((progress.loaded / Math.max(progress.total, 1)) * 100) : 0;
  return (
    <Card as="section" className={styles.galleryCard} aria-labelledby={`${id}-h`} id="gallery">
      <h2 id={`${id}-h`} className={styles.galleryTitle}>
        {t("services.editor.gallery")}
      </h2>
      <Gallery service={service} />
      {room > 0 ? (
        <form onSubmit={upload} className={formClass} noValidate>
          <FileInput
            ref={picker}
            id={`${id}-files`}
            label={t("services.editor.galleryPick")}
            buttonLabel={t("services.editor.galleryButton")}
            status={
              files.length > 0
                ? t("services.editor.galleryCount", { count: files.length })
                : t("services.editor.galleryNone")
            }
            hint={t("services.editor.galleryHint", { max: MAX_GALLERY, room })}
            multiple
            accept={GALLERY_ACCEPT}
            disabled={progress !== null}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, room))}
          />
          {progress && (
            <div>
              <label htmlFor={`${id}-progress`}>{t("services.editor.uploading", { percent })}</label>
              <progress id={`${id}-progress`} max={100} value={percent}>
                {percent}%
              </progress>
            </div>
          )}
          {error !== null && (
            <Notice tone="error" detail={errorDetail(error)}>
              {serviceErrorText(t, error)}
            </Notice>
          )}
          <div className="button-row">
            <Button type="submit" variant="primary" disabled={files.length === 0 || progress !== null}>
              <Icon name="upload" size={18} />
              {t("services.editor.galleryUpload")}
            </Button>
          </div>
        </form>
      ) : (
        <p className={shared.muted}>{t("services.editor.galleryFull", { max: MAX_GALLERY })}</p>
      )}
    </Card>
  );
}
