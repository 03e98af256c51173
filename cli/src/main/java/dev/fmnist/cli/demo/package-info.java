/**
 * The pipeline walk-through behind {@code fmnist demo}: {@link dev.fmnist.cli.demo.DemoRunner} ingests a dataset,
 * trains (or reuses) the production model, replays a split through {@code fmnist.images.input} and waits for the
 * evaluation, against services started by {@link dev.fmnist.launcher.ServiceLauncher}. The whole-pipeline
 * integration test drives the same class with the fixture.
 */
package dev.fmnist.cli.demo;
