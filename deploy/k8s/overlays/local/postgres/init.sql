-- One database per Fleet app (the monolith's, "fleet", is POSTGRES_DB); run once, on an empty data directory.
CREATE DATABASE catalog;
CREATE DATABASE pricing;
CREATE DATABASE billing;
CREATE DATABASE notification;
