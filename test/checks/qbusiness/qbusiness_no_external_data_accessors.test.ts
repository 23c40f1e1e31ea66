import { checkCases, failed } from '../../helpers/check-tester.js';
import { APP_A, APP_B, application, dataAccessor, denied, qbusinessSources } from './fixtures.js';

checkCases('qbusiness_no_external_data_accessors', [
  {
    name: 'a principal in the scanned account PASSes; one in account 999999999999 FAILs naming it',
    sources: qbusinessSources([{
      app: application(APP_A, { display_name: 'alpha' }),
      dataAccessors: [
        dataAccessor(APP_A, 'da-own', 'arn:aws:iam::123456789012:role/InternalSearch', { display_name: 'own' }),
        dataAccessor(APP_A, 'da-isv', 'arn:aws:iam::999999999999:role/IsvSearch', { display_name: 'isv' }),
      ],
    }]),
    expect: [
      { status: 'PASS', resource: 'own', message: 'belongs to this account' },
      { status: 'FAIL', resource: 'isv', message: ['arn:aws:iam::999999999999:role/IsvSearch', 'account 999999999999', 'qbusiness:SearchRelevantContent'] },
    ],
  },
  {
    name: 'GetDataAccessor denied but ListDataAccessors named the principal: still evaluated',
    sources: qbusinessSources([{ app: application(APP_A), dataAccessors: [dataAccessor(APP_A, 'da1', 'arn:aws:iam::999999999999:role/X', { display_name: 'x', actions: [], error: denied('qbusiness:GetDataAccessor') })] }]),
    expect: [{ status: 'FAIL', resource: 'x' }],
  },
  {
    name: 'no principal known (GetDataAccessor denied): ERROR naming the permission',
    sources: qbusinessSources([{ app: application(APP_A), dataAccessors: [dataAccessor(APP_A, 'da1', null, { display_name: 'x', error: denied('qbusiness:GetDataAccessor') })] }]),
    expect: [{ status: 'ERROR', resource: 'x', message: 'qbusiness:GetDataAccessor' }],
  },
  {
    name: 'a principal that is not an ARN with an account id cannot be judged: ERROR',
    sources: qbusinessSources([{ app: application(APP_A), dataAccessors: [dataAccessor(APP_A, 'da1', 'IsvSearchRole', { display_name: 'x' })] }]),
    expect: [{ status: 'ERROR', resource: 'x', message: 'UnrecognizedPrincipal' }],
  },
  {
    name: 'ListDataAccessors denied for B: ERROR on B, A evaluated',
    sources: qbusinessSources([
      { app: application(APP_A), dataAccessors: [dataAccessor(APP_A, 'da1', 'arn:aws:iam::123456789012:role/Own', { display_name: 'own' })] },
      { app: application(APP_B, { display_name: 'beta' }), dataAccessors: denied('qbusiness:ListDataAccessors') },
    ]),
    expect: [{ status: 'PASS', resource: 'own' }, { status: 'ERROR', resource: 'beta', message: 'qbusiness:ListDataAccessors' }],
  },
  { name: 'no data accessor: one account-level PASS', sources: qbusinessSources([{ app: application(APP_A) }]), expect: [{ status: 'PASS', message: 'No Amazon Q Business data accessor' }] },
  {
    name: 'source failed: ERROR',
    sources: { ...qbusinessSources([{ app: application(APP_A) }]), 'qbusiness.data_accessors': failed('AccessDeniedException', 'qbusiness:ListDataAccessors') },
    expect: [{ status: 'ERROR', message: 'qbusiness:ListDataAccessors' }],
  },
]);
