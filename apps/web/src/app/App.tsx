import { FORGOT_PASSWORD_PATH, PASSWORD_LINK_PATH } from "@enquete/domain";
import { lazy } from "react";
import { BrowserRouter, Route, Routes } from "react-router";
import { LOGIN_PATH } from "../features/auth/returnPath.ts";
import { SessionProvider } from "../features/session/SessionProvider.tsx";
import { Layout } from "./Layout.tsx";
import { RequireAuth } from "./RequireAuth.tsx";

// Each page is its own chunk: the first screen downloads only what it shows.
const LoginPage = lazy(() => import("../features/auth/LoginPage.tsx").then((m) => ({ default: m.LoginPage })));
const HomePage = lazy(() => import("../features/home/HomePage.tsx").then((m) => ({ default: m.HomePage })));
const AccessibilityPage = lazy(() =>
  import("../features/accessibility/AccessibilityPage.tsx").then((m) => ({ default: m.AccessibilityPage })),
);
const ReportPage = lazy(() => import("../features/report/ReportPage.tsx").then((m) => ({ default: m.ReportPage })));
const SettingsPage = lazy(() => import("../features/settings/SettingsPage.tsx").then((m) => ({ default: m.SettingsPage })));
const ProfilePage = lazy(() => import("../features/profile/ProfilePage.tsx").then((m) => ({ default: m.ProfilePage })));
const OutboxPage = lazy(() => import("../features/outbox/OutboxPage.tsx").then((m) => ({ default: m.OutboxPage })));
const NationalDashboardPage = lazy(() => import("../features/dashboard/pages.ts").then((m) => ({ default: m.NationalDashboardPage })));
const TerritoryDashboardPage = lazy(() => import("../features/dashboard/pages.ts").then((m) => ({ default: m.TerritoryDashboardPage })));
const AtelierDashboardPage = lazy(() => import("../features/dashboard/pages.ts").then((m) => ({ default: m.AtelierDashboardPage })));
const ReferentialPage = lazy(() =>
  import("../features/referential-admin/ReferentialPage.tsx").then((m) => ({ default: m.ReferentialPage })),
);
const AtelierAdminPage = lazy(() =>
  import("../features/referential-admin/AtelierAdminPage.tsx").then((m) => ({ default: m.AtelierAdminPage })),
);
const ReferentialImportPage = lazy(() =>
  import("../features/referential-admin/ReferentialImportPage.tsx").then((m) => ({ default: m.ReferentialImportPage })),
);
const QuestionnaireVersionsPage = lazy(() =>
  import("../features/questionnaire/VersionsPage.tsx").then((m) => ({ default: m.VersionsPage })),
);
const QuestionnaireVersionPage = lazy(() => import("../features/questionnaire/VersionPage.tsx").then((m) => ({ default: m.VersionPage })));
const TargetsPage = lazy(() => import("../features/targets/TargetsPage.tsx").then((m) => ({ default: m.TargetsPage })));
const DistanceLearningPage = lazy(() =>
  import("../features/distance-learning/DistanceLearningPage.tsx").then((m) => ({ default: m.DistanceLearningPage })),
);
const AccountsPage = lazy(() => import("../features/accounts/AccountsPage.tsx").then((m) => ({ default: m.AccountsPage })));
const NewAccountPage = lazy(() => import("../features/accounts/NewAccountPage.tsx").then((m) => ({ default: m.NewAccountPage })));
const AccountPage = lazy(() => import("../features/accounts/AccountPage.tsx").then((m) => ({ default: m.AccountPage })));
const AuditPage = lazy(() => import("../features/audit/AuditPage.tsx").then((m) => ({ default: m.AuditPage })));
const ForgotPasswordPage = lazy(() =>
  import("../features/password/ForgotPasswordPage.tsx").then((m) => ({ default: m.ForgotPasswordPage })),
);
const SetPasswordPage = lazy(() => import("../features/password/SetPasswordPage.tsx").then((m) => ({ default: m.SetPasswordPage })));
const LegalNoticePage = lazy(() => import("../features/legal/LegalNoticePage.tsx").then((m) => ({ default: m.LegalNoticePage })));
const PersonalDataPage = lazy(() => import("../features/legal/PersonalDataPage.tsx").then((m) => ({ default: m.PersonalDataPage })));
const CookiesPage = lazy(() => import("../features/legal/CookiesPage.tsx").then((m) => ({ default: m.CookiesPage })));
const HelpPage = lazy(() => import("../features/legal/HelpPage.tsx").then((m) => ({ default: m.HelpPage })));
const ContactPage = lazy(() => import("../features/legal/ContactPage.tsx").then((m) => ({ default: m.ContactPage })));
const OpenDataPage = lazy(() => import("../features/open-data/OpenDataPage.tsx").then((m) => ({ default: m.OpenDataPage })));
const NotFoundPage = lazy(() => import("../features/not-found/NotFoundPage.tsx").then((m) => ({ default: m.NotFoundPage })));

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route path={LOGIN_PATH} element={<LoginPage />} />
            <Route path={FORGOT_PASSWORD_PATH} element={<ForgotPasswordPage />} />
            <Route path={PASSWORD_LINK_PATH} element={<SetPasswordPage />} />
            <Route element={<RequireAuth />}>
              <Route index element={<HomePage />} />
              <Route path="/profil" element={<ProfilePage />} />
              <Route path="/administration/courriels" element={<OutboxPage />} />
              <Route path="/administration/comptes" element={<AccountsPage />} />
              <Route path="/administration/comptes/nouveau" element={<NewAccountPage />} />
              <Route path="/administration/comptes/:id" element={<AccountPage />} />
              <Route path="/administration/journal" element={<AuditPage />} />
              <Route path="/administration/referentiel" element={<ReferentialPage />} />
              <Route path="/administration/referentiel/import" element={<ReferentialImportPage />} />
              <Route path="/administration/referentiel/ateliers/:code" element={<AtelierAdminPage />} />
              <Route path="/parametres" element={<SettingsPage />} />
              <Route path="/parametres/questionnaire" element={<QuestionnaireVersionsPage />} />
              <Route path="/parametres/questionnaire/:version" element={<QuestionnaireVersionPage />} />
              <Route path="/cibles" element={<TargetsPage />} />
              <Route path="/journees-foad" element={<DistanceLearningPage />} />
              <Route path="/ateliers/:atelier/rapports/:period" element={<ReportPage />} />
              <Route path="/tableau-de-bord" element={<NationalDashboardPage />} />
              <Route path="/tableau-de-bord/territoires/:code" element={<TerritoryDashboardPage />} />
              <Route path="/tableau-de-bord/ateliers/:code" element={<AtelierDashboardPage />} />
            </Route>
            {/* The pages a public service owes, and its open data: read without signing in. */}
            <Route path="/accessibilite" element={<AccessibilityPage />} />
            <Route path="/mentions-legales" element={<LegalNoticePage />} />
            <Route path="/donnees-personnelles" element={<PersonalDataPage />} />
            <Route path="/gestion-des-cookies" element={<CookiesPage />} />
            <Route path="/aide" element={<HelpPage />} />
            <Route path="/contact" element={<ContactPage />} />
            <Route path="/donnees-ouvertes" element={<OpenDataPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
