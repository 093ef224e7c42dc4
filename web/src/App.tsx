import { BrowserRouter, Route, Routes } from "react-router";
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

/** Every route of the web app. Feature pages add their <Route> here, inside the shell. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        {/* Accounts, verification, profiles, wallet (and their operator pages) */}
        <Route path="signup" element={<SignUpPage />} />
        <Route path="login" element={<LogInPage />} />
        <Route path="account" element={<SettingsPage />} />
        <Route path="account/verification" element={<VerificationPage />} />
        <Route path="users/:id" element={<ProfilePage />} />
        <Route path="wallet" element={<WalletPage />} />
        <Route path="admin/verifications" element={<OperatorVerificationsPage />} />
        <Route path="admin/withdrawals" element={<OperatorWithdrawalsPage />} />
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
      <AuthProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
