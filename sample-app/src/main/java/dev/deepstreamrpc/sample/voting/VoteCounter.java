package dev.deepstreamrpc.sample.voting;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.deepstreamrpc.spring.RpcProvider;
import jakarta.validation.Valid;

import org.springframework.stereotype.Service;

/**
 * Provides {@code count-vote}, which counts one vote per user and answers a second vote
 * with an error, and {@code vote-results}, the votes per option.
 * <p>
 * Thread-safe: provider methods run on many threads at once; the votes live in a
 * concurrent map, one entry per user, held in memory for the application's lifetime.
 */
@Service
class VoteCounter {

	private final ConcurrentMap<String, String> optionByUser = new ConcurrentHashMap<>();

	@RpcProvider("count-vote")
	SortedMap<String, Integer> count(@Valid Vote vote) {
		if (this.optionByUser.putIfAbsent(vote.user(), vote.option()) != null) {
			throw new AlreadyVotedException();
		}
		return results();
	}

	@RpcProvider("vote-results")
	SortedMap<String, Integer> results() {
		SortedMap<String, Integer> results = new TreeMap<>();
		for (Map.Entry<String, String> vote : this.optionByUser.entrySet()) {
			results.merge(vote.getValue(), 1, Integer::sum);
		}
		return results;
	}

}
