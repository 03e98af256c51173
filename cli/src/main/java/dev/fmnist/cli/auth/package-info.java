/**
 * Operator credentials of local runs: the RSA key pair kept in {@code .fmnist/keys/} ({@link
 * dev.fmnist.launcher.OperatorKeys}), the short-lived bearer tokens signed with it ({@link
 * dev.fmnist.cli.auth.OperatorTokens}), and where the clients get a token from ({@link
 * dev.fmnist.cli.auth.TokenSource}). The services only ever see the public key (docs/security.md).
 */
package dev.fmnist.cli.auth;
