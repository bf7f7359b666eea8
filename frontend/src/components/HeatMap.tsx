/**
 * The 5 × 5 risk heat map, drawn as a real table: likelihood in words down the side, impact
 * in words along the top, and in every cell the number of risks, their codes, the score and
 * the band in words. Colour (and the border pattern) only repeat what the words say. The
 * long table below it lists the occupied cells one per row, for reading in order.
 */
import { Link } from 'react-router';
import { BAND_LABELS, BAND_ORDER, type Grid } from '../lib/heatMap';
import { pluralise } from '../lib/format';

interface Props {
  grid: Grid;
  basisLabel: string;
  /** Where a risk code links to, when known. */
  hrefFor?(code: string): string | null;
  headingLevel?: 2 | 3;
}

const BAND_RANGES = { low: '1 to 4', medium: '5 to 9', high: '10 to 15', very_high: '16 to 25' } as const;

function Codes({ codes, hrefFor }: { codes: string[]; hrefFor?(code: string): string | null }) {
  return (
    <>
      {codes.map((c, i) => {
        const href = hrefFor?.(c) ?? null;
        return (
          <span key={c}>
            {i > 0 ? ', ' : ''}
            {href ? (
              <Link className="govuk-link" to={href}>
                {c}
              </Link>
            ) : (
              c
            )}
          </span>
        );
      })}
    </>
  );
}

export function HeatMap({ grid, basisLabel, hrefFor, headingLevel = 3 }: Props) {
  const H = `h${headingLevel}` as 'h3';
  const occupied = grid.rows.flatMap((r) => r.cells.filter((c) => c.count > 0));
  occupied.sort((a, b) => b.score - a.score || b.likelihood - a.likelihood || b.impact - a.impact);
  return (
    <div data-testid="heat-map">
      <ul className="gt-band-key" aria-label="Bands of the risk score (likelihood × impact)">
        {BAND_ORDER.map((b) => (
          <li key={b}>
            <span className={`gt-band gt-band--${b}`}>{BAND_LABELS[b]}</span> score {BAND_RANGES[b]}: {pluralise(grid.byBand[b], 'risk')}
          </li>
        ))}
      </ul>
      <div className="gt-table-wrap" role="region" aria-label="Heat map" tabIndex={0}>
        <table className="gt-heat" data-testid="heat-grid">
          <caption>
            {pluralise(grid.total, 'risk')} by {basisLabel} score: likelihood (rows, most likely at the top) against impact
            (columns, most severe on the right)
          </caption>
          <thead>
            <tr>
              <td className="gt-heat__corner">
                <span aria-hidden="true">Likelihood ↓ · Impact →</span>
              </td>
              {[1, 2, 3, 4, 5].map((i) => (
                <th scope="col" key={i}>
                  Impact: {grid.impactLabels[i]} ({i})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((row) => (
              <tr key={row.likelihood}>
                <th scope="row">
                  Likelihood: {row.label} ({row.likelihood})
                </th>
                {row.cells.map((c) => (
                  <td
                    key={c.impact}
                    className={`gt-heat__cell gt-heat__cell--${c.band}${c.count ? '' : ' gt-heat__cell--empty'}`}
                    data-testid={`heat-cell-${c.likelihood}-${c.impact}`}
                    data-count={c.count}
                  >
                    <span className="gt-heat__count">
                      {c.count}
                      <span className="govuk-visually-hidden"> {c.count === 1 ? 'risk' : 'risks'}</span>
                    </span>
                    {c.codes.length ? (
                      <span className="gt-heat__codes">
                        <Codes codes={c.codes} hrefFor={hrefFor} />
                      </span>
                    ) : null}
                    <span className="gt-heat__score">
                      Score {c.score}, {BAND_LABELS[c.band].toLowerCase()}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <H className="govuk-heading-m" id="heat-table-title">
        The heat map as a table
      </H>
      {occupied.length === 0 ? (
        <p className="govuk-body">No risks to show.</p>
      ) : (
        <div className="gt-table-wrap" role="region" aria-labelledby="heat-table-title" tabIndex={0}>
          <table className="govuk-table" data-testid="heat-table">
            <caption className="govuk-visually-hidden">
              Occupied cells of the heat map, highest score first ({basisLabel} scores)
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Likelihood</th>
                <th scope="col" className="govuk-table__header">Impact</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Score</th>
                <th scope="col" className="govuk-table__header">Band</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Risks</th>
                <th scope="col" className="govuk-table__header">Codes</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {occupied.map((c) => {
                const row = grid.rows.find((r) => r.likelihood === c.likelihood);
                return (
                  <tr className="govuk-table__row" key={`${c.likelihood}-${c.impact}`}>
                    <td className="govuk-table__cell">
                      {row?.label} ({c.likelihood})
                    </td>
                    <td className="govuk-table__cell">
                      {grid.impactLabels[c.impact]} ({c.impact})
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{c.score}</td>
                    <td className="govuk-table__cell">
                      <span className={`gt-band gt-band--${c.band}`}>{BAND_LABELS[c.band]}</span>
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{c.count}</td>
                    <td className="govuk-table__cell">
                      <Codes codes={c.codes} hrefFor={hrefFor} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
