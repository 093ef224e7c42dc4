import type { ReactNode } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { type WebRouteName, webRoutes } from "../../contracts/web-routes.ts";
import { AuthProvider } from "./auth/AuthProvider.tsx";
import { Layout } from "./components/Layout.tsx";
import { I18nProvider } from "./i18n/I18nProvider.tsx";
import { LogInPage } from "./pages/account/LogInPage.tsx";
import { OperatorVerificationsPage } from "./pages/account/OperatorVerificationsPage.tsx";
import { ProfilePage } from "./pages/account/ProfilePage.tsx";
import { SettingsPage } from "./pages/account/SettingsPage.tsx";
import { SignUpPage } from "./pages/account/SignUpPage.tsx";
import { VerificationPage } from "./pages/account/VerificationPage.tsx";
import { ContestPage } from "./pages/contests/ContestPage.tsx";
import { ContestsPage } from "./pages/contests/ContestsPage.tsx";
import { MyContestsPage } from "./pages/contests/MyContestsPage.tsx";
import { PostContestPage } from "./pages/contests/PostContestPage.tsx";
import { HomePage } from "./pages/HomePage.tsx";
import { NotFoundPage } from "./pages/NotFoundPage.tsx";
import { OperatorWithdrawalsPage } from "./pages/wallet/OperatorWithdrawalsPage.tsx";
import { WalletPage } from "./pages/wallet/WalletPage.tsx";

/** One page per route of contracts/web-routes.ts (the server knows the same list: see isWebRoute). */
const pages: { [name in WebRouteName]: ReactNode } = {
  home: <HomePage />,
  signup: <SignUpPage />,
  login: <LogInPage />,
  settings: <SettingsPage />,
  verification: <VerificationPage />,
  profile: <ProfilePage />,
  wallet: <WalletPage />,
  opsVerifications: <OperatorVerificationsPage />,
  opsWithdrawals: <OperatorWithdrawalsPage />,
  contests: <ContestsPage />,
  postContest: <PostContestPage />,
  myContests: <MyContestsPage as="buyer" />,
  myEntries: <MyContestsPage as="provider" />,
  task: <ContestPage />,
};

/** Every route of the web app, inside the shell. A new page: a line in webRoutes and one here. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        {(Object.keys(webRoutes) as WebRouteName[]).map((name) => (
          <Route key={name} path={webRoutes[name]} element={pages[name]} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
