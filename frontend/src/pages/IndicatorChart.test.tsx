import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import IndicatorChart, { niceTicks } from './IndicatorChart';
import { status } from '../test/fixtures';

describe('IndicatorChart', () => {
  it('draws each point shaped and lettered by status, with the amber band and a text alternative', () => {
    const items = [
      status({ rag: 'green', period: '2025-26-Q1', actual: '62.0', target: '60.0', amber_threshold: '57.0' }),
      status({ rag: 'amber', period: '2025-26-Q2', actual: '58.0', target: '60.0', amber_threshold: '57.0' }),
      status({ rag: 'red', period: '2025-26-Q3', actual: '50.0', target: '60.0', amber_threshold: '57.0' }),
      status({ rag: 'no_data', period: '2025-26-Q4', actual: null, target: '60.0', amber_threshold: '57.0' }),
    ];
    const { container } = render(<IndicatorChart items={items} unit="percent" title="NI 1 Test" />);
    const img = screen.getByRole('img');
    expect(img).toHaveAccessibleName(/NI 1 Test: actuals against targets, Q1 2025\/26 to Q4 2025\/26/);
    const points = container.querySelectorAll('.gt-chart-point');
    expect([...points].map((p) => p.getAttribute('data-rag'))).toEqual(['green', 'amber', 'red']);
    expect([...points].map((p) => p.querySelector('text')?.textContent)).toEqual(['G', 'A', 'R']);
    expect(container.querySelectorAll('rect[fill^="rgba(244,119,56"]').length).toBe(4);
    expect(container.querySelector('figcaption')).toHaveTextContent('Latest figure Q3 2025/26: 50.0% against a target of 60.0%, Red.');
  });

  it('says so when there is nothing to chart', () => {
    render(<IndicatorChart items={[]} unit="count" title="x" />);
    expect(screen.getByText(/no figures or targets to chart/)).toBeInTheDocument();
  });

  it('picks round tick values', () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(91.2, 99.1)).toEqual([90, 92, 94, 96, 98, 100]);
  });
});
