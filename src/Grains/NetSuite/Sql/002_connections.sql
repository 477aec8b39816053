-- Which connections a tenant has, for listing and for the plan's connection limit. The connection itself
-- (with its encrypted credentials) is the connection grain's state.
create table if not exists ns_connections (
    tenant_id      uuid not null,
    connection_id  uuid not null,
    name           text not null,
    account_id     text not null,
    created_at     timestamptz not null default now(),
    primary key (tenant_id, connection_id)
);

select ecomops_tenant_isolation('ns_connections');
grant select, insert, update, delete on ns_connections to ecomops_app;
