/** Terminal output helpers shared by the commands: logging setup and plain-text tables. */
package dev.fmnist.cli.console;
