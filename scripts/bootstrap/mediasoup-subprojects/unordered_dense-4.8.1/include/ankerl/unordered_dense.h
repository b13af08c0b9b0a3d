// Stand-in for ankerl::unordered_dense 4.8.1 (header-only, not packaged in Debian bookworm).
// mediasoup's worker uses only map<K, V[, Hash]>, set<K> and hash<integer>{}(value); the
// standard containers give the same semantics (lookup, insert, erase, iteration) with somewhat
// slower lookups. hash<> mixes integers like the original (a 128-bit multiply, so low bits
// depend on all input bits); other types fall back to std::hash.
#ifndef ANKERL_UNORDERED_DENSE_STANDIN_H
#define ANKERL_UNORDERED_DENSE_STANDIN_H

#include <cstdint>
#include <functional>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>

namespace ankerl::unordered_dense
{
	namespace detail
	{
		inline uint64_t mix(uint64_t value)
		{
			const __uint128_t product = static_cast<__uint128_t>(value) * UINT64_C(0x9E3779B97F4A7C15);

			return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
		}
	} // namespace detail

	template<class Key, class Enable = void>
	struct hash : std::hash<Key>
	{
	};

	template<class Key>
	struct hash<Key, std::enable_if_t<std::is_integral_v<Key> || std::is_enum_v<Key>>>
	{
		using is_avalanching = void;

		uint64_t operator()(const Key& key) const noexcept
		{
			return detail::mix(static_cast<uint64_t>(key));
		}
	};

	template<class Key, class T, class Hash = hash<Key>, class KeyEqual = std::equal_to<Key>>
	using map = std::unordered_map<Key, T, Hash, KeyEqual>;

	template<class Key, class Hash = hash<Key>, class KeyEqual = std::equal_to<Key>>
	using set = std::unordered_set<Key, Hash, KeyEqual>;
} // namespace ankerl::unordered_dense

#endif
