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

// Imports and exports, partner API clients, the annual cycle and data deadlines.
export type ImportSummary = S['ImportSummary'];
export type RowProblem = S['RowProblem'];
export type ImportKind = ImportSummary['kind'];
export type ImportQuery = NonNullable<paths['/api/v1/imports/outturns']['post']['parameters']['query']>;
export type ExportQuery = NonNullable<paths['/api/v1/exports/outturns']['get']['parameters']['query']>;
export type ExportFormat = NonNullable<ExportQuery['format']>;
export type ApiClient = S['ApiClientRead'];
export type ApiClientCreate = S['ApiClientCreate'];
export type ApiClientWithSecret = S['ApiClientWithSecret'];
export type ClientScope = ApiClientCreate['scopes'][number];
export type SecretRotation = S['SecretRotation'];
export type Webhook = S['WebhookRead'];
export type CalendarRead = S['CalendarRead'];
export type CalendarEntry = S['CalendarEntry'];
export type CalendarCategory = S['CalendarCategory'];
export type CalendarQuery = NonNullable<paths['/api/v1/calendar']['get']['parameters']['query']>;
export type CycleEvent = S['EventRead'];
export type EventUpdate = S['EventUpdate'];
export type EventStatus = S['EventStatus'];
export type Deadline = S['DeadlineRead'];
export type DeadlineState = S['DeadlineState'];
export type DeadlineCounts = S['DeadlineCounts'];
export type DeadlinePage = S['DeadlinePage'];
export type DeadlinesQuery = NonNullable<paths['/api/v1/deadlines']['get']['parameters']['query']>;
export type LateDataView = S['LateDataView'];
export type DirectorateLateData = S['DirectorateLateData'];
export type CalendarFeedStatus = paths['/api/v1/calendar/feed']['get']['responses'][200]['content']['application/json'];
export type CalendarFeedCreated = S['FeedCreated'];
