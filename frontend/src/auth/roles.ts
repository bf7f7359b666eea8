import type { Me, Role } from '../api/types';

const ENTRY: readonly Role[] = ['admin', 'performance', 'contributor'];
const TEAM: readonly Role[] = ['admin', 'performance'];

/** Owners and deputies (contributors) and the performance team enter figures. */
export const canEnterData = (me: Me | null | undefined) => !!me?.role && ENTRY.includes(me.role);
/** The performance team (and administrators) verify figures and keep the register. */
export const isPerformanceTeam = (me: Me | null | undefined) => !!me?.role && TEAM.includes(me.role);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  performance: 'Performance team',
  manager: 'Manager',
  contributor: 'Indicator owner',
  viewer: 'Viewer',
};
