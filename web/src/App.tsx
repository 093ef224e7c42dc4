import { BrowserRouter, Route, Routes } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { I18nProvider } from "./i18n/I18nProvider.tsx";
import { HomePage } from "./pages/HomePage.tsx";
import { ContestPage } from "./pages/contests/ContestPage.tsx";
import { ContestsPage } from "./pages/contests/ContestsPage.tsx";
import { MyContestsPage } from "./pages/contests/MyContestsPage.tsx";
import { PostContestPage } from "./pages/contests/PostContestPage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";

/** Every route of the web app. Feature pages add their <Route> here, inside the shell. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        {/* Contests (悬赏) */}
        <Route path="contests" element={<ContestsPage />} />
        <Route path="contests/new" element={<PostContestPage />} />
        <Route path="contests/mine" element={<MyContestsPage as="buyer" />} />
        <Route path="contests/entered" element={<MyContestsPage as="provider" />} />
        <Route path="tasks/:id" element={<ContestPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <I18nProvider>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </I18nProvider>
  );
}
