// Short names for the generated OpenAPI types of the golden thread (src/api/schema.d.ts):
// never hand-written shapes. Where two backend modules share a schema name (and the
// generator prefixes it), the type is taken from the field or request that uses it.
import type { components, paths } from './schema';

type S = components['schemas'];

export type Plan = S['PlanRead'];
export type PlanLevel = S['PlanLevel'];
export type PlanStatus = S['PlanStatus'];
export type PlanChecklist = S['PlanChecklistRead'];
export type ChecklistLine = S['ChecklistLine'];
export type ChecklistAnswer = S['ChecklistAnswer'];
export type Objective = S['ObjectiveRead'];
export type ObjectiveKind = S['ObjectiveKind'];
export type Thread = S['ThreadRead'];
export type ThreadObjective = S['ThreadObjective'];
export type ThreadPlan = S['ThreadPlan'];
export type ThreadIndicator = S['ThreadIndicator'];
export type ThreadAction = S['ThreadAction'];
export type ThreadRisk = S['ThreadRisk'];
export type ThreadPerson = S['ThreadPerson'];
export type RollUp = S['RollUp'];
export type OrphanReport = S['OrphanReport'];

export type Action = S['ActionRead'];
export type ActionStatus = S['ActionStatus'];
export type ActionState = S['ActionState'];
export type ActionPatch = S['ActionUpdate'];
export type Progress = S['ProgressRead'];
export type ProgressCreate = S['ProgressCreate'];
export type ActionListQuery = NonNullable<paths['/api/v1/actions']['get']['parameters']['query']>;

export type Risk = S['RiskRead'];
export type RiskReview = S['ReviewRead'];
export type RiskReviewCreate = paths['/api/v1/risks/{risk_id}/reviews']['post']['requestBody']['content']['application/json'];
export type HeatMap = S['HeatMapRead'];
export type Band = S['Band'];
export type Category = Risk['category'];
export type Control = S['Control'];
export type RiskStatus = S['RiskStatus'];
export type RiskBasis = HeatMap['basis'];
type RiskQuery = NonNullable<paths['/api/v1/risks']['get']['parameters']['query']>;
/** The register's filters (the heat map takes the same, bar min_score). */
export type RiskFilters = Pick<RiskQuery, 'org_unit' | 'category' | 'objective' | 'min_score' | 'owner' | 'status'>;

export type Commitment = S['CommitmentRead'];
export type CommitmentItem = S['ItemRead'];
export type CommitmentItemCreate = S['ItemCreate'];
export type CommitmentItemPatch = S['ItemUpdate'];
export type CommitmentReview = S['CommitmentReviewRead'];
export type CommitmentReviewCreate =
  paths['/api/v1/commitments/{commitment_id}/reviews']['post']['requestBody']['content']['application/json'];
export type Quadrant = S['Quadrant'];
export type ReviewKind = S['ReviewKind'];

export type Appraisal = S['AppraisalRead'];
export type AppraisalSummary = S['AppraisalSummary'];
export type AppraisalObjective = S['AppraisalObjective'];
export type Completion = S['CompletionRead'];
export type UnitCompletion = S['UnitCompletion'];
