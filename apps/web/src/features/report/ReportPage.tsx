import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { TReport } from "@enquete/contract";
import { CURRENT_FORM, formVersion, parsePeriod } from "@enquete/domain";
import { useCallback, useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { formatDateTime } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { ReportEditor } from "./form/ReportEditor.tsx";
import { ReportHistory } from "./history/ReportHistory.tsx";
import { ofMonth } from "./monthText.ts";
import { ReportHeader } from "./ReportHeader.tsx";
import { ReturnedNotice } from "./ReturnedNotice.tsx";
import { ReadOnlyReport } from "./readonly/ReadOnlyReport.tsx";
import { useAtelierName, useReport } from "./useReport.ts";

/** /ateliers/:atelier/rapports/:period — an atelier's monthly report: filled in, or read. */
export function ReportPage() {
  const { atelier = "", period = "" } = useParams();
  if (!parsePeriod(period)) return <UnknownMonth />;
  return <MonthReport key={`${atelier}/${period}`} atelier={atelier} period={period} />;
}

function UnknownMonth() {
  useDocumentTitle("Mois inconnu");
  return (
    <div className="fr-container fr-my-4w">
      <PageHeading>Mois inconnu</PageHeading>
      <p>L'adresse ne désigne pas un mois : elle doit finir par l'année et le mois, par exemple /rapports/2026-11.</p>
    </div>
  );
}

function MonthReport({ atelier, period }: { atelier: string; period: string }) {
  const { user } = useSession();
  const atelierName = useAtelierName(atelier);
  const month = ofMonth(period);
  useDocumentTitle(`Rapport ${month} – ${atelierName}`);
  const { state, update, retry } = useReport(atelier, period);
  const [submitted, setSubmitted] = useState<TReport | null>(null);

  const onSubmitted = useCallback(
    (report: TReport) => {
      setSubmitted(report);
      update(report);
    },
    [update],
  );

  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} currentPageLabel={`Rapport ${month}`} />
      {state.status === "loading" && (
        <>
          <PageHeading>Rapport d'activité {month}</PageHeading>
          <Loading label="Chargement du rapport…" />
        </>
      )}
      {state.status === "error" && (
        <>
          <PageHeading>Rapport d'activité {month}</PageHeading>
          <LoadError as="h2" title="Impossible d'ouvrir ce rapport" error={state.error} onRetry={retry} />
        </>
      )}
      {state.status === "success" && (
        <>
          <ReportHeader report={state.report} atelierName={atelierName} />
          {state.report.status === "returned" && <ReturnedNotice comment={state.report.returnComment} />}
          {submitted && <SubmittedNotice report={submitted} />}
          <ReportBody
            report={state.report}
            userId={user?.id ?? ""}
            isDirector={isDirectorOf(user?.roles ?? [], atelier)}
            onReport={update}
            onSubmitted={onSubmitted}
          />
          <ReportHistory history={state.report.history} form={formVersion(state.report.formVersion) ?? CURRENT_FORM} />
        </>
      )}
    </div>
  );
}

function isDirectorOf(roles: { role: string; atelierCode?: string }[], atelier: string): boolean {
  return roles.some((r) => r.role === "atelier" && r.atelierCode === atelier);
}

function ReportBody(props: {
  report: TReport;
  userId: string;
  isDirector: boolean;
  onReport: (report: TReport) => void;
  onSubmitted: (report: TReport) => void;
}) {
  const { report, userId, isDirector, onReport, onSubmitted } = props;
  const form = formVersion(report.formVersion) ?? CURRENT_FORM;
  if (!report.editable) return <ReadOnlyReport report={report} form={form} isDirector={isDirector} />;
  return <ReportEditor report={report} form={form} userId={userId} onReport={onReport} onSubmitted={onSubmitted} />;
}

function SubmittedNotice({ report }: { report: TReport }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w">
      <Alert
        severity="success"
        as="h2"
        title="Rapport soumis"
        description={`Votre rapport a été transmis à la direction territoriale${report.submittedAt ? ` le ${formatDateTime(report.submittedAt)}` : ""}. Il n'est plus modifiable, sauf s'il vous est renvoyé.`}
      />
    </div>
  );
}
