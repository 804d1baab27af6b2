-- An admin cleared the node's multicast interface: the node must stop sending, so a group's
-- autoApplyInterface does not set the proposal again on the next heartbeat.
alter table storage_node add column interface_cleared boolean not null default false;
