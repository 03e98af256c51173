/** HTTP API on port 8083: {@code POST /predict} for one image, {@code GET /model} for the serving model. */
package dev.fmnist.inference.rest;
