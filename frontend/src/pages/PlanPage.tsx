import { Link, useParams } from 'react-router';
import { usePlan, usePlans } from '../api/planning';
import { usePageTitle } from '../components/Layout';
import { Breadcrumbs, PlanStatusTag, SummaryRow, useNames } from '../components/Planning';
import { Loading } from '../components/Status';
import { RecordError } from '../components/RecordError';
import { formatDateTime, formatNumber } from '../lib/format';
import { planAncestry } from '../lib/planTree';
import {
  LEVEL_LABELS, PLAN_STATUS_LABELS, SECTION_KEYS,
  SECTION_LABELS,
  yearSpan
} from '../lib/planning';
import { PlanStatusWorkflow } from '../components/plan/PlanStatusWorkflow';
import { PlanObjectives } from '../components/plan/PlanObjectives';
import { PlanChecklist } from '../components/plan/PlanChecklist';
import '../styles/thread.scss';

export default function PlanPage() {
  const id = Number(useParams().id);
  const plan = usePlan(id);
  const plans = usePlans();
  const names = useNames();
  usePageTitle(plan.data ? plan.data.title : 'Plan');

  if (plan.isPending) return <Loading what="Loading the plan" />;
  if (plan.isError) {
    return (
      <RecordError error={plan.error} retry={() => plan.refetch()} what="the plan" title="Plan not found">
        There is no plan with this number that you can see. <Link className="govuk-link" to="/plans">Browse the plans</Link>.
      </RecordError>
    );
  }
  const p = plan.data;
  const ancestry = planAncestry(plans.data ?? [], p.id).slice(0, -1);
  const parent = p.parent_id !== null ? (plans.data ?? []).find((x) => x.id === p.parent_id) : undefined;
  const beneath = (plans.data ?? []).filter((x) => x.parent_id === p.id).sort((a, b) => a.title.localeCompare(b.title));
  const owner = names.person(p.owner_user_id) ?? names.unit(p.owner_org_unit_id);
  const service = p.level === 'service_plan';

  return (
    <>
      <Breadcrumbs items={[{ to: '/plans', text: 'Plans' }, ...ancestry.map((a) => ({ to: `/plans/${a.id}`, text: a.title })), { text: p.title }]} />
      <span className="govuk-caption-l">{LEVEL_LABELS[p.level]}</span>
      <h1 className="govuk-heading-xl govuk-!-margin-bottom-4" data-testid="plan-title">
        {p.title}
      </h1>
      <p className="govuk-body">
        Status: <PlanStatusTag status={p.status} />
      </p>
      {p.summary ? <p className="govuk-body gt-long-text govuk-!-width-two-thirds">{p.summary}</p> : null}
      <dl className="govuk-summary-list govuk-!-margin-bottom-8">
        <SummaryRow label="Level">{LEVEL_LABELS[p.level]}</SummaryRow>
        <SummaryRow label="Years">{yearSpan(p.start_year, p.end_year)}</SummaryRow>
        <SummaryRow label="Owner">{owner ?? '–'}</SummaryRow>
        <SummaryRow label="Serves">
          {parent ? (
            <Link className="govuk-link" to={`/plans/${parent.id}`}>
              {parent.title}
            </Link>
          ) : p.parent_id !== null ? (
            <Link className="govuk-link" to={`/plans/${p.parent_id}`}>
              The plan above
            </Link>
          ) : (
            'Nothing above it: the top of the thread'
          )}
        </SummaryRow>
        <SummaryRow label="Edition">
          {p.edition}
          {p.supersedes_id !== null ? (
            <>
              {' '}
              (replaces{' '}
              <Link className="govuk-link" to={`/plans/${p.supersedes_id}`}>
                the previous edition
              </Link>
              )
            </>
          ) : null}
        </SummaryRow>
        {service ? <SummaryRow label="Quality-assurance score">{p.qa_score !== null ? `${formatNumber(String(p.qa_score))}%` : 'Not scored yet'}</SummaryRow> : null}
        <SummaryRow label="Status last changed">{formatDateTime(p.status_changed_at)}</SummaryRow>
      </dl>

      <PlanStatusWorkflow plan={p} />
      <PlanObjectives plan={p} />

      <section aria-labelledby="beneath-title" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-l" id="beneath-title">
          Plans beneath
        </h2>
        {beneath.length === 0 ? (
          <p className="govuk-body">No plans sit beneath this one.</p>
        ) : (
          <ul className="govuk-list govuk-list--bullet" data-testid="plans-beneath">
            {beneath.map((b) => (
              <li key={b.id}>
                <Link className="govuk-link" to={`/plans/${b.id}`}>
                  {b.title}
                </Link>{' '}
                <span className="gt-muted">({LEVEL_LABELS[b.level]}, {PLAN_STATUS_LABELS[b.status].toLowerCase()})</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {service ? (
        <>
          <section aria-labelledby="sections-title" className="govuk-!-margin-bottom-8" data-testid="plan-sections">
            <h2 className="govuk-heading-l" id="sections-title">
              The service plan
            </h2>
            {SECTION_KEYS.map((k) => (
              <div key={k}>
                <h3 className="govuk-heading-m">{SECTION_LABELS[k]}</h3>
                <p className="govuk-body gt-long-text">{p.sections?.[k] || <span className="gt-muted">Not written yet.</span>}</p>
              </div>
            ))}
          </section>
          <PlanChecklist plan={p} />
        </>
      ) : null}
    </>
  );
}
