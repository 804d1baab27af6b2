-- One database per service (see CONTRIBUTING.md); each service's Flyway creates its tables.
CREATE DATABASE imagecast_sessions;
CREATE DATABASE imagecast_registry;
CREATE DATABASE imagecast_logs;
