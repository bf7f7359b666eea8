import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RagTag, TrendTag } from './RagTag';
import type { Rag } from '../api/types';

describe('RagTag', () => {
  it.each<[Rag, string]>([
    ['green', 'Green'],
    ['amber', 'Amber'],
    ['red', 'Red'],
    ['no_data', 'No data'],
    ['no_target', 'No target'],
    ['not_applicable', 'Not applicable'],
  ])('shows %s as a shape and words, not colour alone', (rag, text) => {
    const { container } = render(<RagTag rag={rag} prefix="Status:" />);
    expect(screen.getByText(text)).toBeInTheDocument();
    expect(container.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    expect(container.textContent).toContain(`Status: ${text}`);
  });

  it('gives each status its own shape', () => {
    const shapes = (['green', 'amber', 'red', 'no_data', 'no_target', 'not_applicable'] as Rag[]).map((rag) => {
      const { container, unmount } = render(<RagTag rag={rag} />);
      const html = container.querySelector('svg')?.innerHTML ?? '';
      unmount();
      return html;
    });
    expect(new Set(shapes).size).toBe(6);
  });

  it('words the trend', () => {
    render(<TrendTag trend="worsening" />);
    expect(screen.getByText('Worsening')).toBeInTheDocument();
  });
});
