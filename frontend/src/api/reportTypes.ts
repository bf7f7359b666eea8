// Short names for the generated OpenAPI types of the reports, benchmarking and the public
// performance data (src/api/schema.d.ts): never hand-written shapes.
import type { components, paths } from './schema';

type S = components['schemas'];

export type Ipr = S['IprRead'];
export type IprHeadline = S['HeadlineRead'];
export type IprException = S['ExceptionRead'];
export type IprHighlight = S['HighlightRead'];
export type IprAction = S['ActionItemRead'];
export type IprProgress = S['ProgressUpdateRead'];
export type IprRisk = S['RiskItemRead'];
export type IprFinance = S['FinanceSectionRead'];
export type IprFinanceRow = S['FinanceRowRead'];
export type IprDataQuality = S['DataQualityRead'];
export type IprDataQualityItem = S['DataQualityItemRead'];
export type RagCounts = S['RagCounts'];
export type IprQuery = NonNullable<paths['/api/v1/reports/ipr']['get']['parameters']['query']>;

export type Benchmark = S['BenchmarkRead'];
export type BenchmarkComparator = S['ComparatorRead'];
export type BenchmarkAim = S['AimRead'];
export type BenchmarkGroup = S['GroupSummary'];
export type BenchmarkQuery = NonNullable<paths['/api/v1/indicators/{indicator_id}/benchmark']['get']['parameters']['query']>;
