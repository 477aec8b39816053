const fs = require('fs');
const path = require('path');
const search = require('N/search');
const runtime = require('N/runtime');
const format = require('N/format');
const log = require('N/log');
const restlet = require('SuiteScripts/ecomops/ecomops_search_restlet');

jest.mock('N/search');
jest.mock('N/runtime');
jest.mock('N/format');
jest.mock('N/log');

// The same files the C# NetSuite client's tests read: the two sides cannot drift apart.
const example = (name) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'contract', 'examples', name), 'utf8'));

const column = (name, label, type, extra = {}) => ({ name, join: null, summary: null, label, type, ...extra });

const result = (id, values) => ({
    id,
    getValue: (c) => (values[c.name] ? values[c.name].value : ''),
    getText: (c) => (values[c.name] && values[c.name].text !== undefined ? values[c.name].text : null),
});

// Oracle's stub paged-data object has no fetch(), and stub modules are single instances: build our own pages.
const pagedOf = (results, pageSize) => {
    const pages = [];
    for (let i = 0; i < results.length; i += pageSize) {
        pages.push(results.slice(i, i + pageSize));
    }

    return {
        count: results.length,
        pageRanges: pages.map((_, index) => ({ index })),
        fetch: jest.fn(({ index }) => ({ data: pages[index] })),
    };
};

const searchObject = (columns, paged) => ({ columns, filters: [], runPaged: jest.fn(() => paged) });

const usage = (...values) => {
    const remaining = jest.fn();
    values.forEach((v) => remaining.mockReturnValueOnce(v));
    remaining.mockReturnValue(values[values.length - 1]);
    runtime.getCurrentScript.mockReturnValue({ getRemainingUsage: remaining });
};

const orderColumns = () => [
    column('tranid', 'Document Number', 'text'),
    column('entity', 'Customer', 'select'),
    column('amount', 'Amount', 'currency'),
    column('lastmodifieddate', 'Last Modified', 'datetime'),
];

beforeEach(() => {
    jest.resetAllMocks();
    search.createColumn.mockImplementation((options) => ({ ...options }));
    search.createFilter.mockImplementation((options) => ({ ...options }));
    format.format.mockImplementation(({ value }) => `formatted:${value.toISOString()}`);
    usage(4970);
});

describe('a saved search page', () => {
    const orders = () => [
        result(1001, { tranid: { value: 'SO-1001' }, entity: { value: '42', text: 'Acme Corp' }, amount: { value: '120.50' }, lastmodifieddate: { value: '11/2/2026 9:15 am' } }),
        result(1002, { tranid: { value: 'SO-1002' }, entity: { value: '43', text: 'Globex' }, amount: { value: '75.00' }, lastmodifieddate: { value: '11/3/2026 4:02 pm' } }),
    ];

    it('answers exactly as the contract example shows', () => {
        search.load.mockReturnValue(searchObject(orderColumns(), pagedOf(orders(), 5)));
        const response = restlet.post(example('saved-search-page.request.json'));
        expect(response).toEqual(example('saved-search-page.response.json'));
        expect(search.load).toHaveBeenCalledWith({ id: 'customsearch_ecomops_orders' });
    });

    it('adds the watermark and the internal-id window to the search filters', () => {
        const searchObj = searchObject(orderColumns(), pagedOf(orders(), 5));
        searchObj.filters = [{ name: 'mainline', operator: 'is', values: 'T' }];
        search.load.mockReturnValue(searchObj);
        restlet.post(example('saved-search-page.request.json'));
        expect(searchObj.filters).toEqual([
            { name: 'mainline', operator: 'is', values: 'T' },
            { name: 'lastmodifieddate', operator: 'onorafter', values: 'formatted:2026-11-01T00:00:00.000Z' },
            { name: 'internalidnumber', operator: 'greaterthanorequalto', values: 1000 },
            { name: 'internalidnumber', operator: 'lessthan', values: 2000 },
        ]);
        expect(format.format).toHaveBeenCalledWith({ value: new Date('2026-11-01T00:00:00Z'), type: format.Type.DATETIME });
    });

    it('sorts by internal id alone, whatever the saved search sorted by', () => {
        const columns = orderColumns();
        columns[0].sort = 'DESC';
        const searchObj = searchObject(columns, pagedOf(orders(), 5));
        search.load.mockReturnValue(searchObj);
        restlet.post({ searchId: 'customsearch_x' });
        const sorted = searchObj.columns.filter((c) => c.sort);
        expect(sorted).toEqual([{ name: 'internalid', sort: 'ASC' }]);
        expect(searchObj.columns.map((c) => c.name)).toEqual(['tranid', 'entity', 'amount', 'lastmodifieddate', 'internalid']);
    });

    it('keeps summary searches grouped and leaves their rows without ids', () => {
        const columns = [column('entity', 'Customer', 'select', { summary: 'GROUP' }), column('amount', 'Total', 'currency', { summary: 'SUM' })];
        const searchObj = searchObject(columns, pagedOf([result(undefined, { entity: { value: '42', text: 'Acme' }, amount: { value: '99' } })], 5));
        search.load.mockReturnValue(searchObj);
        const response = restlet.post({ searchId: 'customsearch_totals' });
        expect(searchObj.columns).toBe(columns);
        expect(response.rows).toEqual([{ id: null, values: [{ value: '42', text: 'Acme' }, { value: '99', text: null }] }]);
        expect(response.columns[1]).toEqual({ name: 'amount', join: null, summary: 'SUM', label: 'Total', type: 'currency' });
    });

    it('handles searches whose columns are plain names', () => {
        const searchObj = searchObject(['tranid'], pagedOf([result(5, { tranid: { value: 'SO-5' } })], 5));
        search.load.mockReturnValue(searchObj);
        const response = restlet.post({ searchId: 'customsearch_names' });
        expect(response.columns).toEqual([{ name: 'tranid', join: null, summary: null, label: null, type: null }]);
        expect(response.rows).toEqual([{ id: '5', values: [{ value: 'SO-5', text: null }] }]);
    });

    it('accepts the body as a JSON string too', () => {
        search.load.mockReturnValue(searchObject(orderColumns(), pagedOf(orders(), 5)));
        expect(restlet.post(JSON.stringify({ searchId: 'customsearch_x' })).rows).toHaveLength(2);
    });
});

describe('paging', () => {
    const numbered = (count) => Array.from({ length: count }, (_, i) => result(i + 1, { tranid: { value: `SO-${i + 1}` } }));

    it('fetches several pages in one call and says where to go on', () => {
        search.load.mockReturnValue(searchObject([column('tranid', 'Document Number', 'text')], pagedOf(numbered(11), 5)));
        const response = restlet.post({ searchId: 'customsearch_x', pageSize: 5, pages: 2 });
        expect(response.rows.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
        expect(response.nextPageIndex).toBe(2);
        expect(response.continuation).toBeNull();
        expect(response.pageCount).toBe(3);
        expect(response.total).toBe(11);
    });

    it('stops with a continuation instead of dying when governance runs low', () => {
        usage(150);
        search.load.mockReturnValue(searchObject([column('tranid', 'Document Number', 'text')], pagedOf(numbered(11), 5)));
        const response = restlet.post({ searchId: 'customsearch_x', pageSize: 5, pages: 3 });
        expect(response).toEqual({ ...example('continuation.response.json'), rows: numbered(5).map((r) => ({ id: String(r.id), values: [{ value: `SO-${r.id}`, text: null }] })) });
    });

    it('answers an empty page past the end rather than failing', () => {
        search.load.mockReturnValue(searchObject([column('tranid', 'Document Number', 'text')], pagedOf(numbered(3), 5)));
        const response = restlet.post({ searchId: 'customsearch_x', pageSize: 5, pageIndex: 4 });
        expect(response.ok).toBe(true);
        expect(response.rows).toEqual([]);
        expect(response.nextPageIndex).toBeNull();
    });
});

describe('an ad-hoc search', () => {
    it('is created from type, filters and columns', () => {
        const created = searchObject([column('companyname', 'Name', 'text')], pagedOf([result(7, { companyname: { value: 'Initech' } })], 5));
        search.create.mockReturnValue(created);
        const response = restlet.post({ type: 'customer', filters: [['isinactive', 'is', 'F']], columns: ['companyname', { name: 'email', join: 'contact' }] });
        expect(search.create).toHaveBeenCalledWith({
            type: 'customer',
            filters: [['isinactive', 'is', 'F']],
            columns: [
                { name: 'companyname', join: undefined, summary: undefined, formula: undefined, label: undefined },
                { name: 'email', join: 'contact', summary: undefined, formula: undefined, label: undefined },
            ],
        });
        expect(response.rows).toEqual([{ id: '7', values: [{ value: 'Initech', text: null }] }]);
    });
});

describe('errors', () => {
    const thrown = (name, message) => Object.assign(new Error(message), { name });

    it('names an unknown search as the contract example shows', () => {
        search.load.mockImplementation(() => { throw thrown('SSS_INVALID_SRCH_ID', 'That search or mass update does not exist.'); });
        expect(restlet.post({ searchId: 'customsearch_gone' })).toEqual(example('error-unknown-search.response.json'));
        expect(log.error).toHaveBeenCalled();
    });

    it.each([
        ['SSS_INVALID_SRCH_FILTER', 'BAD_FILTER'],
        ['SSS_INVALID_SRCH_OPERATOR', 'BAD_FILTER'],
        ['SSS_INVALID_SRCH_COL', 'BAD_COLUMN'],
        ['INSUFFICIENT_PERMISSION', 'PERMISSION_DENIED'],
        ['SSS_USAGE_LIMIT_EXCEEDED', 'GOVERNANCE_EXHAUSTED'],
        ['SOMETHING_ELSE', 'UNEXPECTED'],
    ])('maps NetSuite error %s to %s', (name, code) => {
        const searchObj = searchObject([column('tranid', 'Document Number', 'text')], null);
        searchObj.runPaged.mockImplementation(() => { throw thrown(name, `NetSuite says ${name}`); });
        search.load.mockReturnValue(searchObj);
        const response = restlet.post({ searchId: 'customsearch_x' });
        expect(response).toEqual({ ok: false, version: 1, error: { code, message: `NetSuite says ${name}`, details: { netsuiteError: name } } });
    });

    it('refuses a page size outside 5 to 1000 as the contract example shows', () => {
        expect(restlet.post({ searchId: 'customsearch_x', pageSize: 3 })).toEqual(example('error-bad-request.response.json'));
        expect(search.load).not.toHaveBeenCalled();
    });

    it.each([
        [{}, 'searchId'],
        [{ searchId: 'a', type: 'customer', columns: ['x'] }, 'type'],
        [{ type: 'customer' }, 'columns'],
        [{ searchId: 'a', pageIndex: -1 }, 'pageIndex'],
        [{ searchId: 'a', pages: 11 }, 'pages'],
        [{ searchId: 'a', modifiedAfter: 'yesterday' }, 'modifiedAfter'],
        [{ searchId: 'a', idRange: { from: 10, to: 5 } }, 'idRange'],
        [[], null],
        ['not json', null],
    ])('refuses %j as a bad request naming %s', (body, field) => {
        const response = restlet.post(body);
        expect(response.ok).toBe(false);
        expect(response.error.code).toBe('BAD_REQUEST');
        if (field) {
            expect(response.error.details).toEqual({ field });
            expect(response.error.message.startsWith(`${field}:`)).toBe(true);
        }
    });

    it('logs successful runs for the script execution log', () => {
        search.load.mockReturnValue(searchObject([column('tranid', 'Document Number', 'text')], pagedOf([result(1, { tranid: { value: 'x' } })], 5)));
        restlet.post({ searchId: 'customsearch_x' });
        expect(log.audit).toHaveBeenCalledWith({ title: 'ecomops search', details: 'customsearch_x: pages 0-0 of 1, 1 rows' });
    });
});
