/* Cbc_solve with a call-back (solver/cbc.c, docs/model.md "The CBC
 * backend"): CBC 2.10's C interface hands CbcMain1 a null call-back, which
 * CbcMain1 calls unchecked after an LP action such as -barrier, so the
 * child crashed (signal 11) whenever one was asked.  This is Cbc_solve
 * (Cbc_C_Interface.cpp) with a call-back that lets CBC go on.  The model
 * must have been loaded whole (Cbc_loadProblem), as solver/cbc.c does:
 * Cbc_solve's flush of columns added one by one is not reachable here. */
#define CBC_EXTERN_C
#include <CbcModel.hpp>
#include <CbcSolver.hpp>
#include <Coin_C_defines.h>
#include <OsiClpSolverInterface.hpp>

#include <vector>

extern "C" int rp_cbc_main(Cbc_Model *model);

static int go_on(CbcModel *, int) { return 0; }

int rp_cbc_main(Cbc_Model *model) {
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
  try {
    CbcMain1((int)argv.size(), &argv[0], *model->model_, go_on, *model->cbcData);
  } catch (CoinError &e) {
    return -1;
  }
  return model->model_->status();
}
