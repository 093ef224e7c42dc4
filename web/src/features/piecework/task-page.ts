// The task page itself is /tasks/:id: the contest page hands a piece-rate task to this one. Kept out
// of routes.tsx (which the app shell loads) so that only the contest page's chunk carries it.
import { lazyPage } from "../../app/lazy-page.ts";

export const PieceworkTaskPage = lazyPage(
  () => import("./pages/PieceworkTaskPage.tsx"),
  "PieceworkTaskPage",
  ["piecework", "contests"],
);
