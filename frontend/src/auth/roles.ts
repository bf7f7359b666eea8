import type { Me, Role } from '../api/types';

const ENTRY: readonly Role[] = ['admin', 'performance', 'contributor'];
const TEAM: readonly Role[] = ['admin', 'performance'];

/** Owners and deputies (contributors) and the performance team enter figures. */
export const canEnterData = (me: Me | null | undefined) => !!me?.role && ENTRY.includes(me.role);
/** The performance team (and administrators) verify figures and keep the register. */
export const isPerformanceTeam = (me: Me | null | undefined) => !!me?.role && TEAM.includes(me.role);
/** Administrators alone manage staff accounts (roles, disabling). */
export const isAdmin = (me: Me | null | undefined) => me?.role === 'admin';
/** Any member of staff (every role): the annual cycle's calendar is for all of them. */
export const isStaff = (me: Me | null | undefined) => !!me?.role;
/** Who imports figures: the same people as enter them (the API limits contributors to their own). */
export const canImport = canEnterData;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  performance: 'Performance team',
  manager: 'Manager',
  contributor: 'Indicator owner',
  viewer: 'Viewer',
};
