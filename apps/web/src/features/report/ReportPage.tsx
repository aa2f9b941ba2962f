import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { TReportState, TSavedDraft } from "@enquete/contract";
import { parsePeriod } from "@enquete/domain";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useParams } from "react-router";
import { formatDateTime } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { Conversation } from "./conversation/Conversation.tsx";
import { ReportEditor } from "./form/ReportEditor.tsx";
import { ReportHistory } from "./history/ReportHistory.tsx";
import { ofMonth } from "./monthText.ts";
import { ReportHeader } from "./ReportHeader.tsx";
import { ReturnedNotice } from "./ReturnedNotice.tsx";
import { ReadOnlyReport } from "./readonly/ReadOnlyReport.tsx";
import { DecisionShortcut } from "./review/DecisionShortcut.tsx";
import { OutcomeNotice } from "./review/OutcomeNotice.tsx";
import { QueueLink } from "./review/QueueLink.tsx";
import { queuePath } from "./review/queuePath.ts";
import { ReviewPanel } from "./review/ReviewPanel.tsx";
import { availableActions, directsTerritoryOf, isReviewer } from "./review/reviewRights.ts";
import { useReviewOutcome } from "./review/useReviewOutcome.ts";
import { type Upgraded, UpgradedNotice } from "./upgrade/UpgradedNotice.tsx";
import type { UpgradeHandle } from "./upgrade/UpgradeHandle.ts";
import { UpgradeOffer } from "./upgrade/UpgradeOffer.tsx";
import { upgradeOutcome } from "./upgrade/upgradeText.ts";
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
  const atelierName = useAtelierName(atelier);
  const month = ofMonth(period);
  useDocumentTitle(`Rapport ${month} – ${atelierName}`);
  const { state, update, saved, retry, refresh } = useReport(atelier, period);

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
        <LoadedReport report={state.report} atelierName={atelierName} update={update} saved={saved} refresh={refresh} />
      )}
    </div>
  );
}

type LoadedProps = {
  report: TReportState;
  atelierName: string;
  update: (report: TReportState) => void;
  saved: (saved: TSavedDraft) => void;
  refresh: () => void;
};

/** The report once loaded: for its director to fill in or read, for its reviewers to read and decide. */
function LoadedReport({ report, atelierName, update, saved, refresh }: LoadedProps) {
  const { user } = useSession();
  const roles = user?.roles ?? [];
  const [submitted, setSubmitted] = useState<TReportState | null>(null);
  const [upgraded, setUpgraded] = useState<Upgraded | null>(null);
  const editor = useRef<UpgradeHandle | null>(null);
  const { outcome, onDecided, onRefused } = useReviewOutcome({ update, refresh });
  const reviewer = isReviewer(roles, report);
  const actions = availableActions(roles, report);
  const queueHref = report.territoryCode && directsTerritoryOf(roles, report) ? queuePath(report.territoryCode, report.period) : null;

  const onSubmitted = useCallback(
    (next: TReportState) => {
      setSubmitted(next);
      update(next);
    },
    [update],
  );

  // What the move kept and dropped: the offer's retired fields, with the values and notes last saved (the move saves first).
  const onUpgraded = useCallback(
    (next: TReportState) => {
      const outcome = report.formUpgrade
        ? upgradeOutcome(report.formUpgrade, report)
        : { added: [], droppedValues: [], droppedNotes: [], hadNotes: false };
      setUpgraded((prev) => ({ ...outcome, id: (prev?.id ?? 0) + 1, version: next.formVersion }));
      update(next);
    },
    [update, report],
  );

  return (
    <>
      {queueHref && (
        <p className="fr-mb-2w">
          <QueueLink href={queueHref} />
        </p>
      )}
      <ReportHeader report={report} atelierName={atelierName} />
      {outcome && <OutcomeNotice key={outcome.id} outcome={outcome} queueHref={queueHref} />}
      {report.status === "returned" && <ReturnedNotice report={report} withConversation={!reviewer} />}
      {submitted && <SubmittedNotice report={submitted} />}
      {upgraded && report.editable && <UpgradedNotice key={upgraded.id} upgraded={upgraded} />}
      {actions.length > 0 && <DecisionShortcut actions={actions} />}
      <ReportBody
        report={report}
        userId={user?.id ?? ""}
        isDirector={isDirectorOf(roles, report.atelierCode)}
        onSaved={saved}
        onSubmitted={onSubmitted}
        editor={editor}
        onUpgraded={onUpgraded}
      />
      {/* The director reads the exchanges on a report it can no longer change; reviewers read them in their panel. */}
      {!reviewer && !report.editable && isDirectorOf(roles, report.atelierCode) && (
        <Conversation conversation={report.conversation} headingLevel={2} className="fr-mb-4w" />
      )}
      {reviewer && (
        <ReviewPanel
          report={report}
          atelierName={atelierName}
          actions={actions}
          queueHref={queueHref}
          onDecided={onDecided}
          onRefused={onRefused}
        />
      )}
      <ReportHistory atelier={report.atelierCode} period={report.period} version={report.version} form={report.form} />
    </>
  );
}

function isDirectorOf(roles: { role: string; atelierCode?: string }[], atelier: string): boolean {
  return roles.some((r) => r.role === "atelier" && r.atelierCode === atelier);
}

function ReportBody(props: {
  report: TReportState;
  userId: string;
  isDirector: boolean;
  onSaved: (saved: TSavedDraft) => void;
  onSubmitted: (report: TReportState) => void;
  editor: RefObject<UpgradeHandle | null>;
  onUpgraded: (report: TReportState) => void;
}) {
  const { report, userId, isDirector, onSaved, onSubmitted, editor, onUpgraded } = props;
  // The report's own questionnaire version, as the API sends it with the report.
  const form = report.form;
  if (!report.editable) return <ReadOnlyReport report={report} form={form} isDirector={isDirector} />;
  return (
    <>
      <UpgradeOffer report={report} editor={editor} onUpgraded={onUpgraded} />
      {/* A new questionnaire version is a new form: its fields, rules, autosave and device copy start again. */}
      <ReportEditor
        key={report.formVersion}
        report={report}
        form={form}
        userId={userId}
        onSaved={onSaved}
        onSubmitted={onSubmitted}
        upgradeHandle={editor}
      />
    </>
  );
}

function SubmittedNotice({ report }: { report: TReportState }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w">
      <Alert
        severity="success"
        as="h2"
        title="Rapport soumis"
        description={`Votre rapport a été soumis à la direction territoriale${report.submittedAt ? ` le ${formatDateTime(report.submittedAt)}` : ""}. Il n'est plus modifiable, sauf s'il vous est renvoyé.`}
      />
    </div>
  );
}
