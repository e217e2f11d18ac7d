package dev.hive.relay.server;

import io.helidon.common.mapper.DefaultMapperProvider__ServiceDescriptor;
import io.helidon.common.mapper.DefaultResolverService__ServiceDescriptor;
import io.helidon.common.mapper.MappersFactory__ServiceDescriptor;
import io.helidon.service.registry.GlobalServiceRegistry;
import io.helidon.service.registry.ServiceRegistryConfig;
import io.helidon.service.registry.ServiceRegistryManager;

/**
 * Installs Helidon's global service registry with only the mapper services, before the web server
 * is built. Helidon's routing creates that registry in a static initializer (for its empty query
 * parameters' mappers); left alone, it scans every jar entry and service-loader file for services,
 * a third of the relay's start-up, for nothing the relay uses beyond the default mappers.
 * A registry someone configured earlier (an embedding application) is kept.
 */
final class LeanRegistry {

    private LeanRegistry() {
    }

    static void install() {
        GlobalServiceRegistry.registry(() -> ServiceRegistryManager.create(ServiceRegistryConfig.builder()
                        .discoverServices(false)
                        .discoverServicesFromServiceLoader(false)
                        .addServiceDescriptor(DefaultMapperProvider__ServiceDescriptor.INSTANCE)
                        .addServiceDescriptor(DefaultResolverService__ServiceDescriptor.INSTANCE)
                        .addServiceDescriptor(MappersFactory__ServiceDescriptor.INSTANCE)
                        .build())
                .registry());
    }
}
