/**
 * Ecom Ops Suite: one RESTlet for every saved search.
 *
 * POST a request (docs/netsuite-restlet.md) to run a saved search by id, or an ad-hoc search from a type, filters and
 * columns, one or more pages at a time. Results are sorted by internal id so pages never skip or repeat a row, and can
 * be restricted to an internal-id window (a paged run stops at 1,000 pages) and to rows modified after a watermark.
 * When governance runs low the answer carries a continuation instead of failing.
 *
 * @NApiVersion 2.1
 * @NScriptType Restlet
 * @NModuleScope SameAccount
 */
define(['N/search', 'N/runtime', 'N/format', 'N/log'],
    /**
     * @param {typeof import('N/search')} search
     * @param {typeof import('N/runtime')} runtime
     * @param {typeof import('N/format')} format
     * @param {typeof import('N/log')} log
     */
    (search, runtime, format, log) => {
    const MIN_PAGE_SIZE = 5;
    const MAX_PAGE_SIZE = 1000;
    const MAX_PAGES_PER_CALL = 10;
    const DEFAULT_MIN_USAGE = 200;
    const CONTRACT_VERSION = 1;

    /** NetSuite error names, and the contract code each one means. */
    const NETSUITE_ERRORS = {
        SSS_INVALID_SRCH_ID: 'UNKNOWN_SEARCH',
        INVALID_SEARCH: 'UNKNOWN_SEARCH',
        SSS_INVALID_SRCH_TYPE: 'UNKNOWN_SEARCH',
        INVALID_RCRD_TYPE: 'UNKNOWN_SEARCH',
        SSS_INVALID_SRCH_FILTER: 'BAD_FILTER',
        SSS_INVALID_SRCH_FILTER_EXPR: 'BAD_FILTER',
        SSS_INVALID_SRCH_FILTER_JOIN: 'BAD_FILTER',
        SSS_INVALID_SRCH_OPERATOR: 'BAD_FILTER',
        SSS_INVALID_SRCH_COL: 'BAD_COLUMN',
        SSS_INVALID_SRCH_COLUMN_JOIN: 'BAD_COLUMN',
        SSS_INVALID_SRCH_COLUMN_SUM: 'BAD_COLUMN',
        INSUFFICIENT_PERMISSION: 'PERMISSION_DENIED',
        SSS_USAGE_LIMIT_EXCEEDED: 'GOVERNANCE_EXHAUSTED',
    };

    class ContractError extends Error {
        constructor(code, message, details) {
            super(message);
            this.code = code;
            this.details = details || null;
        }
    }

    const post = (body) => {
        try {
            const request = parseRequest(body);
            const built = buildSearch(request);
            return run(built, request);
        } catch (e) {
            return failure(e, body);
        }
    };

    /** Validates the request; anything out of contract is BAD_REQUEST naming the field. */
    const parseRequest = (body) => {
        let request = body;
        if (typeof body === 'string') {
            try {
                request = JSON.parse(body);
            } catch (e) {
                throw new ContractError('BAD_REQUEST', 'The body is not JSON.', null);
            }
        }

        if (!request || typeof request !== 'object' || Array.isArray(request)) {
            throw new ContractError('BAD_REQUEST', 'The body must be a JSON object.', null);
        }

        const bad = (field, message) => new ContractError('BAD_REQUEST', `${field}: ${message}`, { field });
        if (!request.searchId && !request.type) {
            throw bad('searchId', 'give a saved search id, or a type with filters and columns for an ad-hoc search.');
        }

        if (request.searchId && request.type) {
            throw bad('type', 'give either searchId or type, not both.');
        }

        const pageSize = request.pageSize === undefined ? MAX_PAGE_SIZE : request.pageSize;
        if (!Number.isInteger(pageSize) || pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
            throw bad('pageSize', `must be a whole number from ${MIN_PAGE_SIZE} to ${MAX_PAGE_SIZE}.`);
        }

        const pageIndex = request.pageIndex === undefined ? 0 : request.pageIndex;
        if (!Number.isInteger(pageIndex) || pageIndex < 0) {
            throw bad('pageIndex', 'must be a whole number from 0.');
        }

        const pages = request.pages === undefined ? 1 : request.pages;
        if (!Number.isInteger(pages) || pages < 1 || pages > MAX_PAGES_PER_CALL) {
            throw bad('pages', `must be a whole number from 1 to ${MAX_PAGES_PER_CALL}.`);
        }

        let modifiedAfter = null;
        if (request.modifiedAfter !== undefined && request.modifiedAfter !== null) {
            modifiedAfter = new Date(request.modifiedAfter);
            if (typeof request.modifiedAfter !== 'string' || Number.isNaN(modifiedAfter.getTime())) {
                throw bad('modifiedAfter', 'must be an ISO 8601 date and time, such as 2026-01-31T08:00:00Z.');
            }
        }

        const idRange = request.idRange || null;
        if (idRange !== null) {
            const whole = (v) => v === undefined || v === null || Number.isInteger(v);
            if (typeof idRange !== 'object' || !whole(idRange.from) || !whole(idRange.to) || (Number.isInteger(idRange.from) && Number.isInteger(idRange.to) && idRange.to <= idRange.from)) {
                throw bad('idRange', 'must be {"from": n, "to": m} with whole numbers and to > from (from inclusive, to exclusive).');
            }
        }

        if (request.type && (!Array.isArray(request.columns) || request.columns.length === 0)) {
            throw bad('columns', 'an ad-hoc search needs at least one column.');
        }

        return {
            searchId: request.searchId || null,
            type: request.type || null,
            filters: request.filters || [],
            columns: request.columns || null,
            pageSize,
            pageIndex,
            pages,
            modifiedAfter,
            modifiedField: request.modifiedField || 'lastmodifieddate',
            idRange,
            minUsage: Number.isInteger(request.minUsage) ? request.minUsage : DEFAULT_MIN_USAGE,
        };
    };

    const columnOf = (spec) => {
        const column = typeof spec === 'string' ? { name: spec } : spec;
        return search.createColumn({
            name: column.name,
            join: column.join || undefined,
            summary: column.summary || undefined,
            formula: column.formula || undefined,
            label: column.label || undefined,
        });
    };

    /** Loads or creates the search, adds the caller's filters, and makes internal id its only sort. */
    const buildSearch = (request) => {
        const searchObj = request.searchId
            ? search.load({ id: request.searchId })
            : search.create({ type: request.type, filters: request.filters, columns: request.columns.map(columnOf) });

        const extra = [];
        if (request.modifiedAfter) {
            extra.push(search.createFilter({
                name: request.modifiedField,
                operator: search.Operator.ONORAFTER,
                values: format.format({ value: request.modifiedAfter, type: format.Type.DATETIME }),
            }));
        }

        if (request.idRange && Number.isInteger(request.idRange.from)) {
            extra.push(search.createFilter({ name: 'internalidnumber', operator: search.Operator.GREATERTHANOREQUALTO, values: request.idRange.from }));
        }

        if (request.idRange && Number.isInteger(request.idRange.to)) {
            extra.push(search.createFilter({ name: 'internalidnumber', operator: search.Operator.LESSTHAN, values: request.idRange.to }));
        }

        if (extra.length > 0) {
            searchObj.filters = (searchObj.filters || []).concat(extra);
        }

        // Without a unique sort, paged searches drop or repeat rows between pages: re-create the columns without
        // their sorts and sort by internal id alone. Summary searches have no row ids and keep their grouping.
        // A search's columns may be plain names as well as Column objects.
        const columns = (searchObj.columns || []).map((c) => (typeof c === 'string' ? search.createColumn({ name: c }) : c));
        const summarized = columns.some((c) => c.summary);
        if (!summarized) {
            searchObj.columns = columns.map(columnOf).concat([search.createColumn({ name: 'internalid', sort: search.Sort.ASC })]);
        }

        return { searchObj, outputColumns: columns, summarized };
    };

    const describe = (column) => ({
        name: column.name,
        join: column.join || null,
        summary: column.summary || null,
        label: column.label || null,
        type: column.type || null,
    });

    const run = ({ searchObj, outputColumns, summarized }, request) => {
        const paged = searchObj.runPaged({ pageSize: request.pageSize });
        const pageCount = paged.pageRanges.length;
        const rows = [];
        let index = request.pageIndex;
        let continuation = null;
        const script = runtime.getCurrentScript();
        for (let fetched = 0; fetched < request.pages && index < pageCount; fetched++, index++) {
            if (fetched > 0 && script.getRemainingUsage() < request.minUsage) {
                continuation = { pageIndex: index };
                break;
            }

            const page = paged.fetch({ index });
            page.data.forEach((result) => rows.push({
                id: summarized ? null : String(result.id),
                values: outputColumns.map((column) => ({
                    value: normalize(result.getValue(column)),
                    text: normalize(result.getText(column)),
                })),
            }));
        }

        log.audit({ title: 'ecomops search', details: `${request.searchId || request.type}: pages ${request.pageIndex}-${index - 1} of ${pageCount}, ${rows.length} rows` });
        return {
            ok: true,
            version: CONTRACT_VERSION,
            columns: outputColumns.map(describe),
            rows,
            pageIndex: request.pageIndex,
            pageSize: request.pageSize,
            pageCount,
            total: paged.count,
            nextPageIndex: index < pageCount ? index : null,
            continuation,
            remainingUsage: script.getRemainingUsage(),
        };
    };

    const normalize = (value) => (value === undefined || value === '' ? null : value);

    const failure = (e, body) => {
        const code = e instanceof ContractError ? e.code : NETSUITE_ERRORS[e && e.name] || 'UNEXPECTED';
        const details = e instanceof ContractError ? e.details : { netsuiteError: (e && e.name) || null };
        const message = (e && e.message) || String(e);
        log.error({ title: `ecomops search failed: ${code}`, details: `${message} (request: ${typeof body === 'string' ? body : JSON.stringify(body)})` });
        return { ok: false, version: CONTRACT_VERSION, error: { code, message, details } };
    };

    return { post };
});
