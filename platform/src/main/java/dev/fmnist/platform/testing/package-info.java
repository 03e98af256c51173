/**
 * Test support for every module: the shared real platform ({@link dev.fmnist.platform.testing.SharedTestPlatform}),
 * its Quarkus test resource ({@link dev.fmnist.platform.testing.PlatformTestResource}) and the real-image fixture
 * ({@link dev.fmnist.platform.testing.Fixtures}).
 */
package dev.fmnist.platform.testing;
