import type { Rag, Trend } from '../api/types';

export const RAG_ORDER: Rag[] = ['red', 'amber', 'green', 'no_data', 'no_target', 'not_applicable'];

export const RAG_LABELS: Record<Rag, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  no_target: 'No target',
  no_data: 'No data',
  not_applicable: 'Not applicable',
};

/** Letters drawn on chart points, so status never rests on colour. */
export const RAG_LETTERS: Record<Rag, string> = {
  green: 'G',
  amber: 'A',
  red: 'R',
  no_target: 'T',
  no_data: '?',
  not_applicable: '–',
};

export const RAG_MEANING: Record<Rag, string> = {
  green: 'on or better than target',
  amber: 'just short of target, within tolerance',
  red: 'short of target beyond tolerance',
  no_target: 'no target set',
  no_data: 'no figure yet',
  not_applicable: 'context data, not judged',
};

export const TREND_LABELS: Record<Trend, string> = {
  improving: 'Improving',
  worsening: 'Worsening',
  no_change: 'No change',
  not_comparable: 'Not comparable',
  not_applicable: 'Not applicable',
};

export const RAG_COLOURS: Record<Rag, string> = {
  green: '#00703c',
  amber: '#b35900',
  red: '#d4351c',
  no_target: '#505a5f',
  no_data: '#505a5f',
  not_applicable: '#505a5f',
};
