package dev.evse.mqtt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.evse.mqtt.testing.MosquittoBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bridge suite against Mosquitto ({@code /usr/sbin/mosquitto}); skipped where it is missing. */
class MosquittoSuiteTest extends BridgeSuite {
  private MosquittoBroker broker;

  @BeforeAll
  void startBroker() throws Exception {
    assumeTrue(MosquittoBroker.available(), MosquittoBroker.SKIP_MESSAGE);
    broker = MosquittoBroker.start();
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  int floodSize() {
    return 5000;
  }

  @Override
  int brokerPort() {
    return broker.port();
  }
}
