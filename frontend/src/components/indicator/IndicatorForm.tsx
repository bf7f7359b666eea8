import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, versionTag } from '../../api/client';
import { keys, useOrganisations, useOrgUnits, useUsers } from '../../api/queries';
import { ApiError, errorMessage } from '../../api/problem';
import type { Indicator } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthContext';
import { ErrorSummary, type SummaryError } from '../ErrorSummary';
import { CheckboxField, SelectField, TextAreaField, TextField, OrgUnitOptions } from '../Fields';
import { usePageTitle } from '../Layout';
import { fieldErrorMap } from '../../lib/fieldErrors';
import { AGGREGATION_LABELS, FREQUENCY_LABELS, formatDateTime, POLARITY_LABELS, UNIT_LABELS } from '../../lib/format';
import { indexOrgUnits } from '../../lib/orgTree';
import { type FormState, LABELS, fromIndicator, blank, toCreate, toUpdate } from '../../lib/indicatorFormState';
import { RetireIndicator } from './RetireIndicator';

export function IndicatorForm({ existing }: { existing?: Indicator }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const users = useUsers();
  const orgs = useOrganisations();
  const units = useOrgUnits();
  const org = useMemo(() => indexOrgUnits(units.data ?? []), [units.data]);
  const [loaded, setLoaded] = useState<Indicator | undefined>(existing);
  const original = useMemo(() => (loaded ? fromIndicator(loaded) : blank(me.organisation_id ?? null)), [loaded, me.organisation_id]);
  const [form, setForm] = useState<FormState>(original);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Indicator | null>(null);
  const [busy, setBusy] = useState(false);
  const title = loaded ? `Edit ${loaded.code}` : 'Create an indicator';
  usePageTitle(title, Object.keys(errors).length > 0 || !!formError);

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: keyof FormState) => ({
    value: form[k] as string,
    onChange: (e: { target: { value: string } }) => set(k, e.target.value as never),
    error: errors[k],
  });

  async function submit(e: FormEvent, overrideVersion?: number) {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!form.code.trim()) local.code = 'Enter a code, for example NI 195a';
    if (!form.title.trim()) local.title = 'Enter a title';
    if (!form.organisation_id) local.organisation_id = 'Choose the organisation';
    if (form.decimal_places !== '' && !/^[0-6]$/.test(form.decimal_places.trim())) local.decimal_places = 'Enter a whole number from 0 to 6';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      let saved: Indicator;
      if (loaded) {
        const body = toUpdate(form, original);
        if (Object.keys(body).length === 0) {
          navigate(`/indicators/${loaded.id}`);
          return;
        }
        saved = unwrap(
          await api.PATCH('/api/v1/indicators/{indicator_id}', {
            params: { path: { indicator_id: loaded.id } },
            body,
            headers: { 'If-Match': versionTag(overrideVersion ?? loaded.version) },
          }),
        );
      } else {
        saved = unwrap(await api.POST('/api/v1/indicators', { body: toCreate(form) }));
      }
      queryClient.setQueryData(keys.indicator(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
      void queryClient.invalidateQueries({ queryKey: ['status'] });
      void queryClient.invalidateQueries({ queryKey: ['indicator', saved.id] });
      navigate(loaded ? `/indicators/${saved.id}` : `/admin/indicators/${saved.id}/targets?created=1`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412 && loaded) {
        const fresh = unwrap(await api.GET('/api/v1/indicators/{indicator_id}', { params: { path: { indicator_id: loaded.id } } }));
        setConflict(fresh);
      } else if (err instanceof ApiError && err.fieldErrors.length) {
        const map = fieldErrorMap(err);
        const known: Record<string, string> = {};
        const other: string[] = [];
        for (const [k, v] of Object.entries(map)) {
          if (k in LABELS) known[k] = v;
          else other.push(v);
        }
        setErrors(known);
        setFormError(other.length ? other.join('; ') : null);
      } else {
        setFormError(errorMessage(err));
      }
    } finally {
      setBusy(false);
    }
  }

  const summary: SummaryError[] = [
    ...(formError ? [{ text: formError }] : []),
    ...Object.entries(errors).map(([k, v]) => ({ target: `ind-${k}`, text: `${LABELS[k as keyof FormState] ?? k}: ${v}` })),
  ];
  const theirChanges = conflict ? (Object.keys(LABELS) as (keyof FormState)[]).filter((k) => fromIndicator(conflict)[k] !== original[k]) : [];

  return (
    <>
      <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/admin">
              Register administration
            </Link>
          </li>
          {loaded ? (
            <li className="govuk-breadcrumbs__list-item">
              <Link className="govuk-breadcrumbs__link" to={`/indicators/${loaded.id}`}>
                {loaded.code}
              </Link>
            </li>
          ) : null}
        </ol>
      </nav>
      <ErrorSummary errors={summary} />
      {conflict ? (
        <div className="govuk-notification-banner" role="alert" aria-labelledby="conflict-title" data-testid="conflict">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="conflict-title">
              Changed by someone else
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {conflict.code} was changed at {formatDateTime(conflict.updated_at)}, after you opened this page. Your changes
              have not been saved.
            </p>
            <p className="govuk-body">
              {theirChanges.length ? `They changed: ${theirChanges.map((k) => LABELS[k].toLowerCase()).join(', ')}.` : 'The change may be to fields not shown here.'} The
              audit history on the indicator page shows who made it.
            </p>
            <div className="gt-entry-actions">
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => {
                  setLoaded(conflict);
                  setForm(fromIndicator(conflict));
                  setConflict(null);
                  setErrors({});
                }}
              >
                Reload their version
              </button>
              <button
                type="button"
                className="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                onClick={(e) => {
                  const version = conflict.version;
                  setConflict(null);
                  void submit(e as unknown as FormEvent, version);
                }}
              >
                Save my changes on top of theirs
              </button>
            </div>
          </div>
        </div>
      ) : null}
      <h1 className="govuk-heading-xl">{title}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField id="ind-code" name="code" label="Code" hint="Unique, for example NI 195a or LPI ENV-07" {...text('code')} width="govuk-input--width-10" />
        <TextField id="ind-title" name="title" label="Title" {...text('title')} />
        <TextField id="ind-plain_title" name="plain_title" label="Plain-language title (optional)" hint="How the public page names it, in everyday words; leave blank to use the title" {...text('plain_title')} />
        <TextAreaField id="ind-definition" name="definition" label="Definition" hint="What the indicator measures" {...text('definition')} />
        <TextAreaField id="ind-procedure_note" name="procedure_note" label="Procedure note" hint="How the figure is collected and calculated" {...text('procedure_note')} />
        <div className="gt-form-columns">
          <SelectField id="ind-unit" name="unit" label="Unit" {...text('unit')}>
            {Object.entries(UNIT_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </SelectField>
          <TextField id="ind-decimal_places" name="decimal_places" label="Decimal places" inputMode="numeric" width="govuk-input--width-2" {...text('decimal_places')} />
          <SelectField id="ind-polarity" name="polarity" label="Polarity" hint="Which way is better" {...text('polarity')}>
            {Object.entries(POLARITY_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </SelectField>
          <SelectField id="ind-frequency" name="frequency" label="Frequency" {...text('frequency')}>
            {Object.entries(FREQUENCY_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </SelectField>
          <SelectField id="ind-aggregation" name="aggregation" label="Year to date" hint="How the periods of a year make the year to date" {...text('aggregation')}>
            {Object.entries(AGGREGATION_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </SelectField>
          <TextField id="ind-multiplier" name="multiplier" label="Multiplier" hint="Ratio indicators only: 100 for percentages" inputMode="decimal" width="govuk-input--width-5" {...text('multiplier')} />
          <TextField id="ind-tolerance_percent" name="tolerance_percent" label="Amber tolerance (percent of target)" hint="Leave blank for 5%" inputMode="decimal" width="govuk-input--width-5" {...text('tolerance_percent')} />
          <TextField id="ind-tolerance_absolute" name="tolerance_absolute" label="Amber tolerance (absolute)" hint="In the indicator's unit; overrides the percent" inputMode="decimal" width="govuk-input--width-5" {...text('tolerance_absolute')} />
        </div>
        <TextField id="ind-sets" name="sets" label="Sets" hint="Separate with commas, for example NI, LAA, DOT" {...text('sets')} />
        <div className="gt-form-columns">
          <SelectField id="ind-owner_id" name="owner_id" label="Owner" {...text('owner_id')}>
            <option value="">Nobody yet</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.full_name}
              </option>
            ))}
          </SelectField>
          <SelectField id="ind-deputy_id" name="deputy_id" label="Deputy" {...text('deputy_id')}>
            <option value="">Nobody</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.full_name}
              </option>
            ))}
          </SelectField>
          <SelectField id="ind-organisation_id" name="organisation_id" label="Organisation" {...text('organisation_id')}>
            <option value="">Choose</option>
            {(orgs.data ?? []).map((o) => (
              <option key={o.id} value={String(o.id)}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <SelectField id="ind-org_unit_id" name="org_unit_id" label="Directorate, service or team" {...text('org_unit_id')}>
            <option value="">None</option>
            <OrgUnitOptions units={org.ordered} />
          </SelectField>
          <SelectField id="ind-lead_organisation_id" name="lead_organisation_id" label="Lead partner" hint="For partnership indicators" {...text('lead_organisation_id')}>
            <option value="">None</option>
            {(orgs.data ?? []).map((o) => (
              <option key={o.id} value={String(o.id)}>
                {o.name}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Sharing</legend>
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <CheckboxField id="ind-shared_with_partners" label="Share with partner organisations" checked={form.shared_with_partners} onChange={(e) => set('shared_with_partners', e.target.checked)} />
              <CheckboxField id="ind-public" label="Publish on the transparency page" checked={form.public} onChange={(e) => set('public', e.target.checked)} />
            </div>
          </fieldset>
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={busy}>
            {loaded ? 'Save changes' : 'Create indicator'}
          </button>
          <Link className="govuk-link" to={loaded ? `/indicators/${loaded.id}` : '/admin'}>
            Cancel
          </Link>
        </div>
      </form>
      {loaded && loaded.lifecycle === 'active' ? <RetireIndicator indicator={loaded} /> : null}
    </>
  );
}
