import type { Me, Role } from '../api/types';

const COMMITMENTS: readonly Role[] = ['admin', 'performance', 'manager'];

/** Managers keep commitments; the performance team supports their reviews. */
export const seesCommitments = (me: Me | null | undefined) => !!me?.role && COMMITMENTS.includes(me.role);
