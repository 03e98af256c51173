/**
 * The one documented transform from PNG/JPEG bytes to 28×28 grey levels, used alike by ingest (training data)
 * and inference.
 */
package dev.fmnist.contracts.image;
