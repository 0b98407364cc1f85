// Phòng Họp: stand-in for ankerl::unordered_dense (https://github.com/martinus/unordered_dense),
// which Debian 12 does not package. mediasoup only uses its map, set and hash names, so they are
// mapped onto the standard containers; semantics the worker relies on (lookup, insert, erase,
// iteration) are the same, and std::unordered_map is more lenient about iterator invalidation.
#ifndef PHONGHOP_ANKERL_UNORDERED_DENSE_SHIM_H
#define PHONGHOP_ANKERL_UNORDERED_DENSE_SHIM_H

#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace ankerl::unordered_dense
{
	template<class T, class Enable = void>
	struct hash : std::hash<T>
	{
	};

	template<
	  class Key,
	  class T,
	  class Hash      = hash<Key>,
	  class KeyEqual  = std::equal_to<Key>,
	  class Allocator = std::allocator<std::pair<const Key, T>>>
	using map = std::unordered_map<Key, T, Hash, KeyEqual, Allocator>;

	template<
	  class Key,
	  class Hash      = hash<Key>,
	  class KeyEqual  = std::equal_to<Key>,
	  class Allocator = std::allocator<Key>>
	using set = std::unordered_set<Key, Hash, KeyEqual, Allocator>;
} // namespace ankerl::unordered_dense

#endif
