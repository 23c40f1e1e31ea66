import { checkCases, failed } from '../../helpers/check-tester.js';

const entities = (roles: string[], users: string[] = []) => ({ 'iam.support_policy_entities': { policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess', roles, users, groups: [] } });

checkCases('iam_support_role_created', [
  { name: 'PASS when a role has AWSSupportAccess', sources: entities(['incident-support']), expect: [{ status: 'PASS', message: 'incident-support' }] },
  { name: 'FAIL when nobody has it', sources: entities([]), expect: [{ status: 'FAIL' }] },
  { name: 'FAIL when only a user has it (a role is required)', sources: entities([], ['alice']), expect: [{ status: 'FAIL' }] },
  { name: 'ERROR when denied', sources: { 'iam.support_policy_entities': failed('AccessDenied', 'iam:ListEntitiesForPolicy') }, expect: [{ status: 'ERROR', message: 'iam:ListEntitiesForPolicy' }] },
]);
