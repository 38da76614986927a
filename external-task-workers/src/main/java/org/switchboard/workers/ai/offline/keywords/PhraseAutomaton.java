package org.switchboard.workers.ai.offline.keywords;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Aho–Corasick automaton over word ids rather than characters: one pass over a message's tokens finds every
 * phrase of the lexicon that occurs in it, in time linear in the number of tokens plus the number of matches,
 * whatever the size of the lexicon. Transitions live in one hash map keyed by (state, word id).
 */
final class PhraseAutomaton {

  private final Map<Long, Integer> transitions = new HashMap<>();
  private final List<Integer> failList = new ArrayList<>();
  /** Patterns ending exactly in a state. */
  private final List<int[]> ownOutputs = new ArrayList<>();
  private int[] fail;
  /** Next state on the fail chain that has its own outputs (dictionary suffix link), or -1. */
  private int[] outputLink;
  private int states = 1;

  PhraseAutomaton() {
    failList.add(0);
    ownOutputs.add(new int[0]);
  }

  void add(int[] words, int pattern) {
    int state = 0;
    for (int word : words) {
      long key = key(state, word);
      Integer next = transitions.get(key);
      if (next == null) {
        next = states++;
        transitions.put(key, next);
        ownOutputs.add(new int[0]);
      }
      state = next;
    }
    int[] current = ownOutputs.get(state);
    int[] extended = java.util.Arrays.copyOf(current, current.length + 1);
    extended[current.length] = pattern;
    ownOutputs.set(state, extended);
  }

  /** Computes the fail and output links breadth first; call once after every {@link #add}. */
  void build() {
    fail = new int[states];
    outputLink = new int[states];
    java.util.Arrays.fill(outputLink, -1);
    Map<Integer, List<int[]>> children = new HashMap<>();
    for (Map.Entry<Long, Integer> t : transitions.entrySet()) {
      int from = (int) (t.getKey() >>> 32);
      int word = (int) (long) t.getKey();
      children.computeIfAbsent(from, k -> new ArrayList<>()).add(new int[] {word, t.getValue()});
    }
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int[] child : children.getOrDefault(0, List.of())) {
      fail[child[1]] = 0;
      queue.add(child[1]);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      for (int[] child : children.getOrDefault(state, List.of())) {
        int word = child[0];
        int target = child[1];
        int f = fail[state];
        while (f != 0 && !transitions.containsKey(key(f, word))) {
          f = fail[f];
        }
        Integer via = transitions.get(key(f, word));
        fail[target] = via != null && via != target ? via : 0;
        int ft = fail[target];
        outputLink[target] = ownOutputs.get(ft).length > 0 ? ft : outputLink[ft];
        queue.add(target);
      }
    }
  }

  int start() {
    return 0;
  }

  /** Follows one word; a negative id (a word no phrase contains) returns to the root. */
  int step(int state, int word) {
    if (word < 0) {
      return 0;
    }
    int s = state;
    while (true) {
      Integer next = transitions.get(key(s, word));
      if (next != null) {
        return next;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  /** Reports every pattern ending in {@code state}. */
  void outputs(int state, IntConsumer pattern) {
    for (int s = state; s > 0; s = outputLink[s]) {
      for (int p : ownOutputs.get(s)) {
        pattern.accept(p);
      }
    }
  }

  private static long key(int state, int word) {
    return ((long) state << 32) | (word & 0xffffffffL);
  }
}
