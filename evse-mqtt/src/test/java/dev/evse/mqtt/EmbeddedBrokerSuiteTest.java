package dev.evse.mqtt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The bridge suite against the embedded Moquette broker. */
class EmbeddedBrokerSuiteTest extends BridgeSuite {
  private EmbeddedBroker broker;

  @BeforeAll
  void startBroker() {
    broker = EmbeddedBroker.start(0);
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Override
  int brokerPort() {
    return broker.port();
  }
}
