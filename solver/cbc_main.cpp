/* Cbc_solve with a call-back (solver/cbc.c, docs/model.md "The CBC
 * backend"): CBC 2.10's C interface hands CbcMain1 a null call-back, which
 * CbcMain1 calls unchecked after an LP action such as -barrier, so the
 * child crashed (signal 11) whenever one was asked.  This is Cbc_solve
 * (Cbc_C_Interface.cpp) with a call-back that lets CBC go on.  The model
 * must have been loaded whole (Cbc_loadProblem), as solver/cbc.c does:
 * Cbc_solve's flush of columns added one by one is not reachable here.
 * It also stops a search that stalls (stall_nodes, backend.h's
 * RP_STALL_NODES): CBC 2.10 has no parameter for it. */
#define CBC_EXTERN_C
#include <CbcEventHandler.hpp>
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <Coin_C_defines.h>
#include <OsiClpSolverInterface.hpp>

#include <cmath>
#include <vector>

extern "C" int rp_cbc_main(Cbc_Model *model, int stall_nodes, int *stalled);

static int go_on(CbcModel *, int) { return 0; }

/* Set when a search stopped because it stalled.  CbcMain1 searches with
 * copies of the model, each with a clone of the handler: the flag cannot
 * live in the handler passed in. */
static int stalled_now;

/* After each node: stop when neither the plan nor the bound has improved
 * over the last `limit` nodes and there is a plan (glpk.c's
 * search_stalled). */
class StallHandler : public CbcEventHandler {
public:
  explicit StallHandler(int limit) : limit_(limit) {}
  CbcEventHandler *clone() const override { return new StallHandler(*this); }
  CbcAction event(CbcEvent e) override {
    if (e != node || !model_)
      return noAction;
    int made = model_->getNodeCount();
    bool has_plan = model_->bestSolution() != NULL;
    double plan = has_plan ? model_->getObjValue() : INFINITY;
    double bound = model_->getBestPossibleObjValue();
    double tol = 1e-6 * (has_plan && std::fabs(plan) > 1 ? std::fabs(plan) : 1);
    if (plan < plan_ - tol || bound > bound_ + tol) {
      plan_ = plan;
      bound_ = bound;
      from_ = made;
      return noAction;
    }
    if (has_plan && made - from_ > limit_) {
      stalled_now = 1;
      return stop;
    }
    return noAction;
  }

private:
  int limit_, from_ = 0;
  double plan_ = INFINITY, bound_ = -INFINITY;
};

int rp_cbc_main(Cbc_Model *model, int stall_nodes, int *stalled) {
  *stalled = 0;
  OsiSolverInterface *solver = model->solver_;
  if (solver->getNumIntegers() == 0 || model->relax_ == 1) { /* as Cbc_solve: Clp alone */
    if (solver->basisIsAvailable())
      solver->resolve();
    else
      solver->initialSolve();
    return solver->isProvenOptimal() ? 0 : 1;
  }
  std::vector<const char *> argv;
  argv.push_back("Cbc_C_Interface");
  for (size_t i = 0; i < model->cmdargs_.size(); i++)
    argv.push_back(model->cmdargs_[i].c_str());
  argv.push_back("-solve");
  argv.push_back("-quit");
  StallHandler handler(stall_nodes);
  model->model_->passInEventHandler(&handler); /* a clone */
  stalled_now = 0;
  try {
    CbcMain1((int)argv.size(), &argv[0], *model->model_, go_on, *model->cbcData);
  } catch (CoinError &e) {
    return -1;
  }
  *stalled = stalled_now;
  return model->model_->status();
}
