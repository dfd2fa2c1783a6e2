package id.go.prakerja.support.crypto;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import id.go.prakerja.support.config.PlatformMessagingConfiguration;

/**
 * The re-encryption job, in every service that declares a {@link SealedTable} bean (and so
 * holds values sealed at rest; its progress table, {@code field_key_rotation}, is a platform table).
 */
@AutoConfiguration(after = PlatformMessagingConfiguration.class)
@ConditionalOnBean(SealedTable.class)
public class FieldKeyRotationConfiguration {

    @Bean
    FieldKeyRotation fieldKeyRotation(List<SealedTable> tables, PersonalDataCrypto crypto, JdbcTemplate jdbc,
            TransactionTemplate transactions, @Value("${prakerja.crypto.reseal.batch-size:500}") int batchSize) {
        return new FieldKeyRotation(tables, crypto, jdbc, transactions, batchSize);
    }

    @Bean
    FieldKeyRotationController fieldKeyRotationController(FieldKeyRotation rotation) {
        return new FieldKeyRotationController(rotation);
    }
}
