// The tender page itself is /tasks/:id: the contest page hands a tender to TenderPage. Kept out of
// routes.tsx (which the app shell loads) so that only the contest page's chunk carries it.
import { lazyPage } from "../../app/lazy-page.ts";

export const TenderPage = lazyPage(() => import("./pages/TenderPage.tsx"), "TenderPage", [
  "tenders",
  "orders",
  "contests",
]);
