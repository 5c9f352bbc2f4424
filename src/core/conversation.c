/*
 * conversation.c: small helpers for the shared conversation types.
 */
#include "util/common.h"
#include "core/conversation.h"

const char *candor_side_name(enum candor_side side)
{
	switch (side) {
	case CANDOR_SIDE_SELLER: return "seller";
	case CANDOR_SIDE_BUYER: return "buyer";
	default: return "unknown";
	}
}
