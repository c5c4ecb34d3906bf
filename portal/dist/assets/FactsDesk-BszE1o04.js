import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{l as i,o as a,t as o,u as s}from"./usePageTitle-CUEgSYxO.js";import{t as c}from"./viewer-BCh4hgTe.js";import{n as l,r as u,t as d}from"./States-Fx22-PiY.js";import{r as f,t as p}from"./format-B5R3HS_1.js";import{n as m,t as h}from"./fields-DFisZoQb.js";import{n as g}from"./localName-OkrEYGri.js";var _=e(t(),1),v=n(),y=10,b=a(`
  query FactsOptions {
    settings {
      today
    }
    dealers(first: 100, orderBy: { field: CODE, direction: ASC }) {
      edges {
        node {
          id
          code
          name
          channelID
        }
      }
    }
    channels(first: 100) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    territories(first: 100) {
      edges {
        node {
          id
          code
          name
          nameZh
        }
      }
    }
  }
`),x=a(`
  query FactLists($first: Int!, $month: Period!) {
    distributionSurveys(first: $first) {
      totalCount
      edges {
        node {
          id
          surveyedOn
          outletsVisited
          outletsCarrying
          note
          recordedByName
          dealer {
            id
            name
          }
        }
      }
    }
    satisfactionScores(first: $first) {
      totalCount
      edges {
        node {
          id
          scoredOn
          score
          note
          recordedByName
          dealer {
            id
            name
          }
        }
      }
    }
    channelCosts(first: $first) {
      totalCount
      edges {
        node {
          id
          incurredOn
          category
          amount
          note
          channel {
            id
            name
            nameZh
          }
          dealer {
            id
            name
          }
        }
      }
    }
    marketShares(from: $month, to: $month) {
      id
      month
      share
      territory {
        id
        code
        name
        nameZh
      }
    }
  }
`),S=a(`
  mutation RecordDistributionSurvey($input: RecordDistributionSurveyInput!) {
    recordDistributionSurvey(input: $input) {
      id
    }
  }
`),C=a(`
  mutation RecordSatisfactionScore($input: RecordSatisfactionScoreInput!) {
    recordSatisfactionScore(input: $input) {
      id
    }
  }
`),w=a(`
  mutation RecordChannelCost($input: RecordChannelCostInput!) {
    recordChannelCost(input: $input) {
      id
    }
  }
`),T=a(`
  mutation SetMarketShares($input: [MarketShareInput!]!) {
    setMarketShares(input: $input) {
      id
    }
  }
`);function E(){let{t:e,i18n:t}=r();o(e(`facts.deskTitle`));let[{data:n}]=c(),i=n?.me.role,[a,m]=(0,_.useState)(0),[{data:h,error:S}]=s({query:b,pause:!i||i===`DEALER`}),[C,w]=(0,_.useState)(``),T=h?.settings.today??``,E=C||T.slice(0,7),[{data:D,error:M},N]=s({query:x,variables:{first:y,month:E},pause:!E||i===`DEALER`});if((0,_.useEffect)(()=>{a&&N({requestPolicy:`network-only`})},[a,N]),i===`DEALER`)return(0,v.jsxs)(`section`,{children:[(0,v.jsx)(`h1`,{children:e(`facts.deskTitle`)}),(0,v.jsx)(`p`,{className:`lead`,children:e(`facts.staffOnly`)})]});if(S&&!h)return(0,v.jsx)(l,{error:S});if(!h||!i)return(0,v.jsx)(u,{});let P=i===`ADMIN`,F=(h.dealers.edges??[]).flatMap(e=>e?.node?[e.node]:[]),I=(h.channels.edges??[]).flatMap(e=>e?.node?[e.node]:[]),L=(h.territories.edges??[]).flatMap(e=>e?.node?[e.node]:[]),R=()=>m(e=>e+1),z=e=>(e?.edges??[]).flatMap(e=>e?.node?[e.node]:[]),B=(t,n)=>M&&!D?(0,v.jsx)(l,{error:M}):D?n?(0,v.jsx)(d,{children:e(`facts.none`)}):t:(0,v.jsx)(u,{}),V=z(D?.distributionSurveys),H=z(D?.satisfactionScores),U=z(D?.channelCosts),W=D?.marketShares??[];return(0,v.jsxs)(`section`,{"aria-labelledby":`facts-title`,className:`facts-desk`,children:[(0,v.jsx)(`h1`,{id:`facts-title`,children:e(`facts.deskTitle`)}),(0,v.jsx)(`p`,{className:`lead`,children:e(P?`facts.adminIntro`:`facts.managerIntro`)}),(0,v.jsxs)(`section`,{"aria-labelledby":`facts-surveys`,className:`facts-section`,children:[(0,v.jsx)(`h2`,{id:`facts-surveys`,children:e(`facts.surveys`)}),(0,v.jsx)(O,{dealers:F,today:T,onSent:R}),B((0,v.jsxs)(`table`,{className:`table facts-surveys`,children:[(0,v.jsx)(`thead`,{children:(0,v.jsxs)(`tr`,{children:[(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.date`)}),(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.dealer`)}),(0,v.jsx)(`th`,{scope:`col`,className:`num`,children:e(`facts.outletsCarrying`)}),(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.recordedBy`)})]})}),(0,v.jsx)(`tbody`,{children:V.map(n=>(0,v.jsxs)(`tr`,{children:[(0,v.jsx)(`th`,{scope:`row`,"data-label":e(`facts.date`),children:p(n.surveyedOn,t.language)}),(0,v.jsx)(`td`,{"data-label":e(`facts.dealer`),children:n.dealer.name}),(0,v.jsx)(`td`,{"data-label":e(`facts.outletsCarrying`),className:`num`,children:e(`facts.carryingOf`,{carrying:n.outletsCarrying,visited:n.outletsVisited})}),(0,v.jsx)(`td`,{"data-label":e(`facts.recordedBy`),children:n.recordedByName})]},n.id))})]}),!V.length)]}),(0,v.jsxs)(`section`,{"aria-labelledby":`facts-scores`,className:`facts-section`,children:[(0,v.jsx)(`h2`,{id:`facts-scores`,children:e(`facts.scores`)}),(0,v.jsx)(k,{dealers:F,today:T,onSent:R}),B((0,v.jsxs)(`table`,{className:`table facts-scores`,children:[(0,v.jsx)(`thead`,{children:(0,v.jsxs)(`tr`,{children:[(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.date`)}),(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.dealer`)}),(0,v.jsx)(`th`,{scope:`col`,className:`num`,children:e(`facts.score`)}),(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.recordedBy`)})]})}),(0,v.jsx)(`tbody`,{children:H.map(n=>(0,v.jsxs)(`tr`,{children:[(0,v.jsx)(`th`,{scope:`row`,"data-label":e(`facts.date`),children:p(n.scoredOn,t.language)}),(0,v.jsx)(`td`,{"data-label":e(`facts.dealer`),children:n.dealer.name}),(0,v.jsxs)(`td`,{"data-label":e(`facts.score`),className:`num`,children:[n.score,` / 5`]}),(0,v.jsx)(`td`,{"data-label":e(`facts.recordedBy`),children:n.recordedByName})]},n.id))})]}),!H.length)]}),(0,v.jsxs)(`section`,{"aria-labelledby":`facts-costs`,className:`facts-section`,children:[(0,v.jsx)(`h2`,{id:`facts-costs`,children:e(`facts.costs`)}),P&&(0,v.jsx)(A,{dealers:F,channels:I,today:T,onSent:R}),B((0,v.jsxs)(`table`,{className:`table facts-costs`,children:[(0,v.jsx)(`thead`,{children:(0,v.jsxs)(`tr`,{children:[(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.date`)}),(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.channel`)}),(0,v.jsx)(`th`,{scope:`col`,children:e(`facts.category`)}),(0,v.jsx)(`th`,{scope:`col`,className:`num`,children:e(`facts.amount`)})]})}),(0,v.jsx)(`tbody`,{children:U.map(n=>(0,v.jsxs)(`tr`,{children:[(0,v.jsx)(`th`,{scope:`row`,"data-label":e(`facts.date`),children:p(n.incurredOn,t.language)}),(0,v.jsxs)(`td`,{"data-label":e(`facts.channel`),children:[g(n.channel,t.language),n.dealer&&(0,v.jsxs)(`span`,{className:`muted`,children:[` · `,n.dealer.name]})]}),(0,v.jsx)(`td`,{"data-label":e(`facts.category`),children:n.category}),(0,v.jsx)(`td`,{"data-label":e(`facts.amount`),className:`num money`,children:f(n.amount,t.language)})]},n.id))})]}),!U.length)]}),(0,v.jsxs)(`section`,{"aria-labelledby":`facts-shares`,className:`facts-section`,children:[(0,v.jsx)(`h2`,{id:`facts-shares`,children:e(`facts.shares`)}),(0,v.jsxs)(`div`,{className:`filter`,children:[(0,v.jsx)(`label`,{htmlFor:`facts-month`,children:e(`facts.month`)}),(0,v.jsx)(`input`,{id:`facts-month`,type:`month`,value:E,onChange:e=>w(e.target.value)})]}),P?(0,v.jsx)(j,{month:E,territories:L,current:Object.fromEntries(W.map(e=>[e.territory.id,e.share])),onSent:R},E):B((0,v.jsx)(`table`,{className:`table facts-shares`,children:(0,v.jsx)(`tbody`,{children:W.map(e=>(0,v.jsxs)(`tr`,{children:[(0,v.jsx)(`th`,{scope:`row`,children:g(e.territory,t.language)}),(0,v.jsxs)(`td`,{className:`num`,children:[(e.share*100).toLocaleString(t.language,{maximumFractionDigits:1}),` %`]})]},e.id))})}),!W.length)]})]})}function D({id:e,value:t,dealers:n,onChange:i,optional:a}){let{t:o}=r();return(0,v.jsxs)(`select`,{id:e,name:`dealerID`,value:t,onChange:i,children:[(0,v.jsx)(`option`,{value:``,children:o(a?`facts.wholeChannel`:`facts.chooseDealer`)}),n.map(e=>(0,v.jsxs)(`option`,{value:e.id,children:[e.code,` `,e.name]},e.id))]})}function O({dealers:e,today:t,onSent:n}){let{t:a}=r(),o=(0,_.useId)(),s={dealerID:``,date:t,outletsVisited:``,outletsCarrying:``,note:``},[c,l]=(0,_.useState)(s),[u,d]=(0,_.useState)(!1),[{fetching:f,error:p},g]=i(S),y=e=>t=>l(n=>({...n,[e]:t.target.value}));return(0,v.jsxs)(`form`,{className:`form facts-form survey-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),d(!1),(await g({input:{dealerID:c.dealerID,date:c.date,outletsVisited:Number(c.outletsVisited||0),outletsCarrying:Number(c.outletsCarrying||0),note:c.note||null}})).error||(l(s),d(!0),n())},children:[(0,v.jsxs)(`div`,{className:`field-row`,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-dealer`,children:a(`facts.dealer`)}),(0,v.jsx)(D,{id:`${o}-dealer`,value:c.dealerID,dealers:e,onChange:y(`dealerID`)}),(0,v.jsx)(h,{error:p,name:`dealerID`})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-date`,children:a(`facts.date`)}),(0,v.jsx)(`input`,{id:`${o}-date`,name:`date`,type:`date`,max:t,value:c.date,onChange:y(`date`)}),(0,v.jsx)(h,{error:p,name:`date`})]})]}),(0,v.jsxs)(`div`,{className:`field-row`,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-visited`,children:a(`facts.outletsVisited`)}),(0,v.jsx)(`input`,{id:`${o}-visited`,name:`outletsVisited`,type:`number`,min:1,inputMode:`numeric`,value:c.outletsVisited,onChange:y(`outletsVisited`)}),(0,v.jsx)(h,{error:p,name:`outletsVisited`})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-carrying`,children:a(`facts.outletsCarrying`)}),(0,v.jsx)(`input`,{id:`${o}-carrying`,name:`outletsCarrying`,type:`number`,min:0,inputMode:`numeric`,value:c.outletsCarrying,onChange:y(`outletsCarrying`)}),(0,v.jsx)(h,{error:p,name:`outletsCarrying`})]})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-note`,children:a(`facts.note`)}),(0,v.jsx)(`textarea`,{id:`${o}-note`,name:`note`,rows:2,maxLength:2e3,value:c.note,onChange:y(`note`)}),(0,v.jsx)(h,{error:p,name:`note`})]}),(0,v.jsx)(m,{error:p,fields:[`dealerID`,`date`,`outletsVisited`,`outletsCarrying`,`note`]}),(0,v.jsxs)(`p`,{className:`actions-row`,children:[(0,v.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:f,children:a(`facts.recordSurvey`)}),(0,v.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:u?a(`facts.recorded`):``})]})]})}function k({dealers:e,today:t,onSent:n}){let{t:a}=r(),o=(0,_.useId)(),s={dealerID:``,date:t,score:``,note:``},[c,l]=(0,_.useState)(s),[u,d]=(0,_.useState)(!1),[{fetching:f,error:p},g]=i(C),y=e=>t=>l(n=>({...n,[e]:t.target.value}));return(0,v.jsxs)(`form`,{className:`form facts-form score-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),d(!1),(await g({input:{dealerID:c.dealerID,date:c.date,score:Number(c.score||0),note:c.note||null}})).error||(l(s),d(!0),n())},children:[(0,v.jsxs)(`div`,{className:`field-row`,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-dealer`,children:a(`facts.dealer`)}),(0,v.jsx)(D,{id:`${o}-dealer`,value:c.dealerID,dealers:e,onChange:y(`dealerID`)}),(0,v.jsx)(h,{error:p,name:`dealerID`})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-date`,children:a(`facts.date`)}),(0,v.jsx)(`input`,{id:`${o}-date`,name:`date`,type:`date`,max:t,value:c.date,onChange:y(`date`)}),(0,v.jsx)(h,{error:p,name:`date`})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-score`,children:a(`facts.score`)}),(0,v.jsxs)(`select`,{id:`${o}-score`,name:`score`,value:c.score,onChange:y(`score`),children:[(0,v.jsx)(`option`,{value:``,children:a(`facts.chooseScore`)}),[5,4,3,2,1].map(e=>(0,v.jsx)(`option`,{value:e,children:a(`facts.scoreLabel.${e}`)},e))]}),(0,v.jsx)(h,{error:p,name:`score`})]})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${o}-note`,children:a(`facts.note`)}),(0,v.jsx)(`textarea`,{id:`${o}-note`,name:`note`,rows:2,maxLength:2e3,value:c.note,onChange:y(`note`)}),(0,v.jsx)(h,{error:p,name:`note`})]}),(0,v.jsx)(m,{error:p,fields:[`dealerID`,`date`,`score`,`note`]}),(0,v.jsxs)(`p`,{className:`actions-row`,children:[(0,v.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:f,children:a(`facts.recordScore`)}),(0,v.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:u?a(`facts.recorded`):``})]})]})}function A({dealers:e,channels:t,today:n,onSent:a}){let{t:o,i18n:s}=r(),c=(0,_.useId)(),l={channelID:t[0]?.id??``,dealerID:``,date:n,category:``,amount:``,note:``},[u,d]=(0,_.useState)(l),[f,p]=(0,_.useState)(!1),[{fetching:y,error:b},x]=i(w),S=e=>t=>d(n=>({...n,[e]:t.target.value}));return(0,v.jsxs)(`form`,{className:`form facts-form cost-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),p(!1),(await x({input:{channelID:u.channelID,dealerID:u.dealerID||null,date:u.date,category:u.category,amount:u.amount.trim()||`0`,note:u.note||null}})).error||(d({...l,channelID:u.channelID}),p(!0),a())},children:[(0,v.jsxs)(`div`,{className:`field-row`,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${c}-channel`,children:o(`facts.channel`)}),(0,v.jsx)(`select`,{id:`${c}-channel`,name:`channelID`,value:u.channelID,onChange:e=>d(t=>({...t,channelID:e.target.value,dealerID:``})),children:t.map(e=>(0,v.jsx)(`option`,{value:e.id,children:g(e,s.language)},e.id))}),(0,v.jsx)(h,{error:b,name:`channelID`})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${c}-dealer`,children:o(`facts.forDealer`)}),(0,v.jsx)(D,{id:`${c}-dealer`,value:u.dealerID,dealers:e.filter(e=>e.channelID===u.channelID),onChange:S(`dealerID`),optional:!0}),(0,v.jsx)(h,{error:b,name:`dealerID`})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${c}-date`,children:o(`facts.incurredOn`)}),(0,v.jsx)(`input`,{id:`${c}-date`,name:`date`,type:`date`,value:u.date,onChange:S(`date`)}),(0,v.jsx)(h,{error:b,name:`date`})]})]}),(0,v.jsxs)(`div`,{className:`field-row`,children:[(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${c}-category`,children:o(`facts.category`)}),(0,v.jsx)(`input`,{id:`${c}-category`,name:`category`,maxLength:100,value:u.category,onChange:S(`category`)}),(0,v.jsx)(h,{error:b,name:`category`})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${c}-amount`,children:o(`facts.amount`)}),(0,v.jsx)(`input`,{id:`${c}-amount`,name:`amount`,inputMode:`decimal`,value:u.amount,onChange:S(`amount`)}),(0,v.jsx)(h,{error:b,name:`amount`})]})]}),(0,v.jsxs)(`div`,{className:`field`,children:[(0,v.jsx)(`label`,{htmlFor:`${c}-note`,children:o(`facts.note`)}),(0,v.jsx)(`textarea`,{id:`${c}-note`,name:`note`,rows:2,maxLength:2e3,value:u.note,onChange:S(`note`)}),(0,v.jsx)(h,{error:b,name:`note`})]}),(0,v.jsx)(m,{error:b,fields:[`channelID`,`dealerID`,`date`,`category`,`amount`,`note`]}),(0,v.jsxs)(`p`,{className:`actions-row`,children:[(0,v.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:y,children:o(`facts.recordCost`)}),(0,v.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:f?o(`facts.recorded`):``})]})]})}function j({month:e,territories:t,current:n,onSent:a}){let{t:o,i18n:s}=r(),c=e=>e===void 0?``:String(Math.round(e*1e3)/10),[l,u]=(0,_.useState)({}),[d,f]=(0,_.useState)(!1),[{fetching:p,error:h},y]=i(T),b=e=>l[e]??c(n[e]);return(0,v.jsxs)(`form`,{className:`form facts-form shares-form`,noValidate:!0,onSubmit:async n=>{n.preventDefault(),f(!1);let r=t.filter(e=>b(e.id).trim()!==``).map(t=>({territoryID:t.id,month:e,share:Number(b(t.id))/100}));(await y({input:r})).error||(u({}),f(!0),a())},children:[(0,v.jsx)(`table`,{className:`table facts-shares`,children:(0,v.jsx)(`tbody`,{children:t.map(e=>(0,v.jsxs)(`tr`,{"data-territory":e.code,children:[(0,v.jsx)(`th`,{scope:`row`,children:(0,v.jsx)(`label`,{htmlFor:`share-${e.id}`,children:g(e,s.language)})}),(0,v.jsxs)(`td`,{className:`num`,children:[(0,v.jsx)(`input`,{id:`share-${e.id}`,inputMode:`decimal`,className:`share-input`,value:b(e.id),onChange:t=>u(n=>({...n,[e.id]:t.target.value}))}),` `,`%`]})]},e.id))})}),(0,v.jsx)(m,{error:h,fields:[]}),(0,v.jsxs)(`p`,{className:`actions-row`,children:[(0,v.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:p,children:o(`facts.saveShares`)}),(0,v.jsx)(`span`,{role:`status`,className:`muted facts-done`,children:d?o(`facts.recorded`):``})]})]})}export{x as FactListsQuery,E as FactsDesk,b as FactsOptionsQuery,w as RecordCostMutation,C as RecordScoreMutation,S as RecordSurveyMutation,T as SetSharesMutation};