package dev.evse.site.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evse.api.types.StartSessionReason;
import dev.evse.api.types.StopTransactionReason;
import org.junit.jupiter.api.Test;

/** Auth with real kernels on simulated hardware: the everyday scenarios end to end. */
class KernelAuthTest {

  @Test
  void tokenBeforePlugInStartsTheTransactionWhenTheCarArrives() {
    try (KernelSite site = new KernelSite(1, c -> c.localTokens.add(LocalToken.accepted("CARD1"))).started()) {
      KernelSite.Station s = site.station(1);
      site.swipe("CARD1");
      assertThat(site.statusLog()).containsExactly("Processing CARD1", "Accepted CARD1", "UsedToStart CARD1 [1]");
      assertThat(s.last("SessionStarted").orElseThrow().sessionStarted().orElseThrow().reason())
          .isEqualTo(StartSessionReason.Authorized);

      site.advanceSeconds(20);
      s.plugInAndCharge();
      site.advanceSeconds(60); // well past connection_timeout (30 s): the transaction started in time
      assertThat(s.eventNames()).containsSubsequence("SessionStarted", "Authorized", "TransactionStarted",
          "ChargingStarted");
      assertThat(site.statusLog()).doesNotContain("TimedOut CARD1 [1]");
      assertThat(s.hw.meter().energyWh()).isPositive();
    }
  }

  @Test
  void tokenAfterPlugInAuthorizesTheWaitingCar() {
    try (KernelSite site = new KernelSite(1, c -> c.localTokens.add(LocalToken.accepted("CARD1"))).started()) {
      KernelSite.Station s = site.station(1);
      s.plugInAndCharge();
      site.advanceSeconds(120); // a single EVSE waits for a token for ever
      assertThat(s.eventNames()).contains("SessionStarted", "AuthRequired").doesNotContain("Deauthorized");
      site.swipe("CARD1");
      site.advanceSeconds(10);
      assertThat(site.statusLog()).containsExactly("Processing CARD1", "Accepted CARD1", "UsedToStart CARD1 [1]");
      assertThat(s.eventNames()).containsSubsequence("AuthRequired", "Authorized", "TransactionStarted",
          "ChargingStarted");
    }
  }

  @Test
  void authorizationWithoutPlugInIsWithdrawnAfterConnectionTimeout() {
    try (KernelSite site = new KernelSite(1, c -> c.localTokens.add(LocalToken.accepted("CARD1"))).started()) {
      KernelSite.Station s = site.station(1);
      site.swipe("CARD1");
      site.advanceSeconds(29);
      assertThat(site.statusLog()).doesNotContain("TimedOut CARD1 [1]");
      site.advanceSeconds(2);
      assertThat(site.statusLog()).endsWith("UsedToStart CARD1 [1]", "TimedOut CARD1 [1]");
      assertThat(s.eventNames()).endsWith("Authorized", "Deauthorized", "SessionFinished");

      // the EVSE is free again: the same card works again
      site.swipe("CARD1");
      assertThat(site.statusLog()).endsWith("UsedToStart CARD1 [1]");
    }
  }

  @Test
  void sameCardAgainStopsTheTransactionWithReasonLocal() {
    try (KernelSite site = new KernelSite(1, c -> c.localTokens.add(LocalToken.accepted("CARD1"))).started()) {
      KernelSite.Station s = site.station(1);
      s.plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("CARD1");
      site.advanceSeconds(5);
      site.swipe("card1"); // values compare ignoring case
      site.advanceSeconds(5);
      assertThat(site.statusLog()).containsExactly("Processing CARD1", "Accepted CARD1", "UsedToStart CARD1 [1]",
          "Processing card1", "UsedToStop card1 [1]");
      var finished = s.last("TransactionFinished").orElseThrow().transactionFinished().orElseThrow();
      assertThat(finished.reason()).contains(StopTransactionReason.Local);
      assertThat(finished.idTag().orElseThrow().idToken().value()).isEqualTo("card1");
    }
  }

  @Test
  void rejectedCardReachesNoEvse() {
    try (KernelSite site = new KernelSite(1, c -> c.localTokens.add(LocalToken.accepted("CARD1"))).started()) {
      KernelSite.Station s = site.station(1);
      s.plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("STRANGER");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).containsExactly("Processing STRANGER", "Rejected STRANGER");
      assertThat(s.eventNames()).doesNotContain("Authorized");
    }
  }

  @Test
  void plugEventsGivesEachCardTheOldestUnassignedPlugIn() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.selectionAlgorithm = "PlugEvents";
      c.localTokens.add(LocalToken.accepted("ANNA"));
      c.localTokens.add(LocalToken.accepted("BERT"));
    }).started()) {
      site.station(2).plugInAndCharge();
      site.advanceSeconds(5);
      site.station(1).plugInAndCharge();
      site.advanceSeconds(5);
      site.swipe("ANNA");
      site.swipe("BERT");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).containsExactly(
          "Processing ANNA", "Accepted ANNA", "UsedToStart ANNA [2]",
          "Processing BERT", "Accepted BERT", "UsedToStart BERT [1]");
      assertThat(site.station(1).eventNames()).contains("TransactionStarted", "ChargingStarted");
      assertThat(site.station(2).eventNames()).contains("TransactionStarted", "ChargingStarted");
    }
  }

  @Test
  void plugEventsCardFirstWaitsForThePlugIn() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.selectionAlgorithm = "PlugEvents";
      c.localTokens.add(LocalToken.accepted("ANNA"));
    }).started()) {
      site.swipe("ANNA");
      site.advanceSeconds(20);
      assertThat(site.statusLog()).containsExactly("Processing ANNA", "Accepted ANNA");
      site.station(2).plugInAndCharge();
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStart ANNA [2]");
      assertThat(site.station(2).eventNames()).contains("TransactionStarted");
      assertThat(site.station(1).eventNames()).doesNotContain("Authorized");
    }
  }

  @Test
  void plugEventsCardWithoutPlugInTimesOut() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.selectionAlgorithm = "PlugEvents";
      c.localTokens.add(LocalToken.accepted("ANNA"));
    }).started()) {
      site.swipe("ANNA");
      site.advanceSeconds(31);
      assertThat(site.statusLog()).containsExactly("Processing ANNA", "Accepted ANNA", "TimedOut ANNA");
      assertThat(site.station(1).eventNames()).doesNotContain("Authorized");
      assertThat(site.station(2).eventNames()).doesNotContain("Authorized");
      // a car arriving later is not given to the expired card
      site.station(1).plugInAndCharge();
      site.advanceSeconds(5);
      assertThat(site.station(1).eventNames()).doesNotContain("Authorized");
    }
  }

  @Test
  void findFirstAssignsAtOnceSoAUserPluggingElsewhereGetsNothing() {
    try (KernelSite site = new KernelSite(2, c -> c.localTokens.add(LocalToken.accepted("ANNA"))).started()) {
      site.swipe("ANNA");
      assertThat(site.statusLog()).endsWith("UsedToStart ANNA [1]");
      site.station(2).plugInAndCharge();
      site.advanceSeconds(31);
      assertThat(site.statusLog()).endsWith("TimedOut ANNA [1]");
      assertThat(site.station(2).eventNames()).doesNotContain("Authorized");
      assertThat(site.station(1).eventNames()).endsWith("Deauthorized", "SessionFinished");
    }
  }

  @Test
  void findFirstPrefersTheQueuedPlugIn() {
    try (KernelSite site = new KernelSite(2, c -> c.localTokens.add(LocalToken.accepted("ANNA"))).started()) {
      site.station(2).plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("ANNA");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStart ANNA [2]");
      assertThat(site.station(2).eventNames()).contains("ChargingStarted");
    }
  }

  @Test
  void plugInTimeoutSpendsThePlugInUntilTheCarIsReplugged() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.plugInTimeoutEnabled = true;
      c.localTokens.add(LocalToken.accepted("ANNA"));
    }).started()) {
      KernelSite.Station s1 = site.station(1);
      s1.plugInAndCharge();
      site.advanceSeconds(31);
      assertThat(s1.eventNames()).endsWith("Deauthorized", "PluginTimeout");
      site.swipe("ANNA"); // EVSE 1 is spent: FindFirst takes the free EVSE 2
      assertThat(site.statusLog()).endsWith("UsedToStart ANNA [2]");
      assertThat(s1.eventNames()).doesNotContain("Authorized");

      s1.unplug();
      site.advanceSeconds(35); // ANNA's authorization on EVSE 2 expires
      s1.hw.car().cancelScript();
      s1.plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("ANNA");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStart ANNA [1]");
      assertThat(s1.eventNames()).contains("ChargingStarted");
    }
  }

  @Test
  void withoutPlugInTimeoutAPluggedCarWaitsForEver() {
    try (KernelSite site = new KernelSite(2, c -> c.localTokens.add(LocalToken.accepted("ANNA"))).started()) {
      KernelSite.Station s1 = site.station(1);
      s1.plugInAndCharge();
      site.advanceSeconds(600);
      assertThat(s1.eventNames()).doesNotContain("PluginTimeout");
      site.swipe("ANNA");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStart ANNA [1]");
    }
  }

  @Test
  void groupMemberStopsTheGroupsTransactionOnlyWhenNothingIsFree() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.localTokens.add(LocalToken.accepted("ANNA").withParent("FAMILY"));
      c.localTokens.add(LocalToken.accepted("BERT").withParent("FAMILY"));
    }).started()) {
      site.station(1).plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("ANNA");
      site.advanceSeconds(5);
      site.swipe("BERT"); // prioritize_authorization_over_stopping_transaction: EVSE 2 is free
      assertThat(site.statusLog()).endsWith("UsedToStart BERT [2]");
      site.station(2).plugInAndCharge();
      site.advanceSeconds(5);
      site.swipe("BERT"); // its own card again: stops its own transaction
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("UsedToStop BERT [2]");
      site.station(2).unplug();
      site.advanceSeconds(3);
      // the group card itself (RFID) stops ANNA's transaction (its value is ANNA's parent id)
      site.auth.config(); // no change
      site.swipe("FAMILY");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("Processing FAMILY", "UsedToStop FAMILY [1]");
      var finished = site.station(1).last("TransactionFinished").orElseThrow().transactionFinished().orElseThrow();
      assertThat(finished.reason()).contains(StopTransactionReason.Local);
    }
  }

  @Test
  void withoutPriorityAGroupMemberStopsFirst() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.prioritizeAuthorizationOverStoppingTransaction = false;
      c.localTokens.add(LocalToken.accepted("ANNA").withParent("FAMILY"));
      c.localTokens.add(LocalToken.accepted("BERT").withParent("FAMILY"));
    }).started()) {
      site.station(1).plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("ANNA");
      site.advanceSeconds(5);
      site.swipe("BERT");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("Processing BERT", "UsedToStop BERT [1]");
      assertThat(site.statuses.get(site.statuses.size() - 1).token().parentIdToken().orElseThrow().value())
          .isEqualTo("FAMILY");
      assertThat(site.station(1).last("TransactionFinished").orElseThrow().transactionFinished().orElseThrow()
          .idTag().orElseThrow().idToken().value()).isEqualTo("BERT");
    }
  }

  @Test
  void masterPassStopsEveryTransactionButNeverStartsOne() {
    try (KernelSite site = new KernelSite(2, c -> {
      c.masterPassGroupId = "POLICE";
      c.localTokens.add(LocalToken.accepted("ANNA"));
      c.localTokens.add(LocalToken.accepted("BERT"));
      c.localTokens.add(LocalToken.accepted("OFFICER").withParent("police"));
    }).started()) {
      site.swipe("OFFICER"); // both EVSEs free: it would only start, which a master pass never does
      assertThat(site.statusLog()).containsExactly("Processing OFFICER", "Rejected OFFICER");

      site.station(1).plugInAndCharge();
      site.station(2).plugInAndCharge();
      site.advanceSeconds(3);
      site.swipe("ANNA");
      site.swipe("BERT");
      site.advanceSeconds(5);
      site.swipe("OFFICER");
      site.advanceSeconds(5);
      assertThat(site.statusLog()).endsWith("Processing OFFICER", "UsedToStop OFFICER [1, 2]");
      for (int i = 1; i <= 2; i++) {
        assertThat(site.station(i).last("TransactionFinished").orElseThrow().transactionFinished().orElseThrow()
            .reason()).contains(StopTransactionReason.MasterPass);
      }
    }
  }
}
