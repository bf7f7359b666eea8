// Named aliases for the generated OpenAPI types (src/api/schema.d.ts): never hand-written shapes.
import type { components, paths } from './schema';

type S = components['schemas'];

export type Me = S['MeRead'];
export type Role = S['Role'];
export type Indicator = S['IndicatorRead'];
export type IndicatorCreate = S['IndicatorCreate'];
export type IndicatorUpdate = S['IndicatorUpdate'];
export type Status = S['StatusRead'];
export type StatusSummary = S['StatusSummary'];
export type Rag = S['Rag'];
export type Trend = S['Trend'];
export type Unit = S['Unit'];
export type Polarity = S['Polarity'];
export type Frequency = S['Frequency'];
export type Aggregation = S['Aggregation'];
export type OrgUnit = S['OrgUnitRead'];
export type Organisation = S['OrganisationRead'];
export type User = S['UserRead'];
export type AuditEntry = S['AuditEntryRead'];
export type Outturn = S['OutturnRead'];
export type OutturnWrite = S['OutturnWrite'];
export type OutturnStatus = S['OutturnStatus'];
export type Target = S['TargetRead'];
export type TargetWrite = S['TargetWrite'];
export type DataEntrySheet = S['DataEntrySheet'];
export type EntryRow = S['EntryRow'];
export type TokenRequest = S['Body_issue_token_api_v1_auth_token_post'];
export type IndicatorListQuery = NonNullable<paths['/api/v1/indicators']['get']['parameters']['query']>;
export type StatusQuery = paths['/api/v1/status']['get']['parameters']['query'];
export type DataEntryScope = NonNullable<
  NonNullable<paths['/api/v1/data-entry']['get']['parameters']['query']>['scope']
>;
