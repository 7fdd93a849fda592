// The house style: colours and proportions every output shares.
#pragma once
#include "page.h"

#define CP_MM (72.0 / 25.4) // points per millimetre

static const CpColor cp_ink = {0.11, 0.11, 0.13};
static const CpColor cp_muted = {0.36, 0.38, 0.42};
static const CpColor cp_accent = {0.04, 0.31, 0.45};
static const CpColor cp_tint = {0.91, 0.95, 0.97};
static const CpColor cp_rule = {0.62, 0.74, 0.80};
static const CpColor cp_code_bg = {0.95, 0.95, 0.94};
static const CpColor cp_alert = {0.70, 0.12, 0.10};
static const CpColor cp_white = {1, 1, 1};
