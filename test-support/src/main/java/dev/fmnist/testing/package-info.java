/**
 * Test support for every module: the shared real platform ({@link dev.fmnist.testing.SharedTestPlatform}),
 * its Quarkus test resource ({@link dev.fmnist.testing.PlatformTestResource}) and the real-image fixture
 * ({@link dev.fmnist.testing.Fixtures}).
 */
package dev.fmnist.testing;
