import { Link } from 'react-router';

/** GOV.UK pagination: previous, numbered pages (with gaps), next. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (p: number) => string }) {
  if (pages <= 1) return null;
  const shown = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const list = [...shown].sort((a, b) => a - b);
  const items: (number | 'gap')[] = [];
  list.forEach((p, i) => {
    if (i > 0 && p - (list[i - 1] as number) > 1) items.push('gap');
    items.push(p);
  });
  return (
    <nav className="govuk-pagination gt-no-print" aria-label="Pages of results">
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={href(page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {items.map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
              ⋯
            </li>
          ) : (
            <li key={p} className={`govuk-pagination__item${p === page ? ' govuk-pagination__item--current' : ''}`}>
              <Link
                className="govuk-link govuk-pagination__link"
                to={href(p)}
                aria-label={`Page ${p}`}
                aria-current={p === page ? 'page' : undefined}
              >
                {p}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={href(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}
