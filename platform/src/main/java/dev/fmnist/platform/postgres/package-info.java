/** The embedded PostgreSQL server and the application's database, role and password. */
package dev.fmnist.platform.postgres;
