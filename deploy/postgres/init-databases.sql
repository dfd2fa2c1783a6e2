-- Local stack only (docker compose): one PostgreSQL server holding one database per service.
-- The postgres image runs this once, as POSTGRES_USER, when its data volume is empty.
-- Each service owns its database; no service reads another's tables (docs/architecture.md, "Services and their data").
-- In Kubernetes the databases are managed services, each with its own credentials.

CREATE DATABASE registration;
CREATE DATABASE verification;
CREATE DATABASE training;
CREATE DATABASE incentive;
CREATE DATABASE payment;
CREATE DATABASE survey;
CREATE DATABASE console;
