<<<<<<<< HEAD:portal/dist/assets/Market-BWzVrxcJ.js
<<<<<<<< HEAD:portal/dist/assets/Market-BWzVrxcJ.js
<<<<<<<< HEAD:portal/dist/assets/Market-BWzVrxcJ.js
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{i as a,l as o,n as s,o as c,r as l,t as u,u as d}from"./usePageTitle-DAO9vmzB.js";import{T as f,i as p,s as m}from"./index-CS_ktoIt.js";import{n as h,r as g,t as _}from"./States-Boo_6AO7.js";import{i as v,r as y,t as b}from"./format-B5R3HS_1.js";var x=e(t(),1),S=n(),C=20,w=c(`
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{i as a,l as o,n as s,o as c,r as l,t as u,u as d}from"./usePageTitle-DxisNDw5.js";import{T as f,i as p,s as m}from"./index-BwTgwKTy.js";import{n as h,r as g,t as _}from"./States-qEoIlvf_.js";import{i as v,r as y,t as b}from"./format-B5R3HS_1.js";var x=e(t(),1),S=n(),C=20,w=c(`
>>>>>>>> amend:portal/dist/assets/Market-DKz3EYg-.js
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{i as a,l as o,n as s,o as c,r as l,t as u,u as d}from"./usePageTitle-adjpLsNY.js";import{F as f,i as p,s as m}from"./index-B6GQOML3.js";import{n as h,r as g,t as _}from"./States-DrzFilV2.js";import{i as v,r as y,t as b}from"./format-B5R3HS_1.js";var x=e(t(),1),S=n(),C=20,w=c(`
>>>>>>>> users:portal/dist/assets/Market-wLIN3KIr.js
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{d as r}from"./chunk-YDNE64FV--Sw1qjUD.js";import{t as i}from"./useTranslation-BHcLAHjw.js";import{i as a,l as o,n as s,o as c,r as l,t as u,u as d}from"./usePageTitle-CVG1H5E-.js";import{T as f,i as p,s as m}from"./index-Bn54F1oY.js";import{n as h,r as g,t as _}from"./States-rwHKeF41.js";import{i as v,r as y,t as b}from"./format-B5R3HS_1.js";var x=e(t(),1),S=n(),C=20,w=c(`
>>>>>>>> stock:portal/dist/assets/Market-DaXVR5GA.js
  query MarketOptions($dealerID: ID!, $isDealer: Boolean!) {
    settings {
      today
    }
    products(where: { active: true }, orderBy: { field: SKU }, first: 100) {
      edges {
        node {
          id
          sku
          name
          nameZh
        }
      }
    }
    territories(first: 100) @skip(if: $isDealer) {
      edges {
        node {
          id
          name
          nameZh
        }
      }
    }
    dealer: node(id: $dealerID) @include(if: $isDealer) {
      __typename
      id
      ... on Dealer {
        territories {
          id
          name
          nameZh
        }
      }
    }
  }
`),T=c(`
  query PriceObservations($territoryID: ID, $productID: ID) {
    priceObservations(territoryID: $territoryID, productID: $productID, first: 50) {
      territory {
        id
        name
        nameZh
      }
      product {
        id
        sku
        name
        nameZh
      }
      competitor
      observedPrice
      observedOn
      ourPrice
    }
  }
`),E=c(`
  query MarketReports(
    $territoryID: ID
    $productID: ID
    $from: Date
    $to: Date
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
  ) {
    marketReports(
      territoryID: $territoryID
      productID: $productID
      from: $from
      to: $to
      first: $first
      after: $after
      last: $last
      before: $before
    ) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          competitor
          observedPrice
          observedOn
          note
          reportedByName
          reportedAt
          dealer {
            id
            name
          }
          territory {
            id
            name
            nameZh
          }
          product {
            id
            sku
            name
            nameZh
          }
        }
      }
    }
  }
`),D=c(`
  mutation SubmitMarketReport($input: SubmitMarketReportInput!) {
    submitMarketReport(input: $input) {
      id
    }
  }
`);function O(){let{t:e}=i(),[{data:t}]=f(),n=t?.me,r=n?.role===`DEALER`;u(e(`market.title`));let[a,o]=(0,x.useState)(0),[{data:s,error:c}]=d({query:w,variables:{dealerID:n?.dealer?.id??``,isDealer:r},pause:!n});if(c&&!s)return(0,S.jsx)(h,{error:c});if(!s)return(0,S.jsx)(g,{});let l=(s.products.edges??[]).flatMap(e=>e?.node?[{id:e.node.id,name:`${e.node.sku} ${e.node.name}`,nameZh:e.node.nameZh?`${e.node.sku} ${e.node.nameZh}`:null}]:[]),p=r?s.dealer?.__typename===`Dealer`?s.dealer.territories??[]:[]:(s.territories?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,S.jsxs)(`section`,{"aria-labelledby":`market-title`,children:[(0,S.jsx)(`h1`,{id:`market-title`,children:e(`market.title`)}),(0,S.jsx)(`p`,{className:`lead`,children:e(r?`market.intro`:`market.staffIntro`)}),r&&(0,S.jsx)(k,{territories:p,products:l,today:s.settings.today,onSent:()=>o(e=>e+1)}),r&&(0,S.jsx)(A,{sent:a}),(0,S.jsx)(j,{territories:p,products:l,staff:!r,sent:a})]})}function k({territories:e,products:t,today:n,onSent:r}){let{t:c,i18n:u}=i(),d=(0,x.useId)(),f={territoryID:e[0]?.id??``,productID:``,competitor:``,observedPrice:``,observedOn:n,note:``},[m,h]=(0,x.useState)(f),[g,_]=(0,x.useState)(!1),[{fetching:v,error:y},b]=o(D),C=a(y),w=e=>{let t=C.find(t=>l(t.field).name===e);return t?(0,S.jsx)(`p`,{className:`field-error`,role:`alert`,children:s(c,t,`market`)}):null},T=C.filter(e=>!e.field),E=e=>t=>h(n=>({...n,[e]:t.target.value}));return(0,S.jsxs)(`section`,{"aria-labelledby":`${d}-title`,children:[(0,S.jsx)(`h2`,{id:`${d}-title`,children:c(`market.report`)}),(0,S.jsxs)(`form`,{className:`form market-form`,noValidate:!0,onSubmit:async e=>{e.preventDefault(),_(!1),(await b({input:{...m,note:m.note||null}})).error||(h({...f,territoryID:m.territoryID}),_(!0),r())},children:[(0,S.jsxs)(`div`,{className:`field-row`,children:[(0,S.jsxs)(`div`,{className:`field`,children:[(0,S.jsx)(`label`,{htmlFor:`${d}-territory`,children:c(`market.territory`)}),(0,S.jsx)(`select`,{id:`${d}-territory`,name:`territoryID`,value:m.territoryID,onChange:E(`territoryID`),children:e.map(e=>(0,S.jsx)(`option`,{value:e.id,children:p(e,u.language)},e.id))}),w(`territoryID`)]}),(0,S.jsxs)(`div`,{className:`field`,children:[(0,S.jsx)(`label`,{htmlFor:`${d}-product`,children:c(`market.product`)}),(0,S.jsxs)(`select`,{id:`${d}-product`,name:`productID`,value:m.productID,onChange:E(`productID`),children:[(0,S.jsx)(`option`,{value:``,children:c(`market.chooseProduct`)}),t.map(e=>(0,S.jsx)(`option`,{value:e.id,children:p(e,u.language)},e.id))]}),w(`productID`)]})]}),(0,S.jsxs)(`div`,{className:`field-row`,children:[(0,S.jsxs)(`div`,{className:`field`,children:[(0,S.jsx)(`label`,{htmlFor:`${d}-competitor`,children:c(`market.competitor`)}),(0,S.jsx)(`input`,{id:`${d}-competitor`,name:`competitor`,value:m.competitor,maxLength:200,onChange:E(`competitor`)}),w(`competitor`)]}),(0,S.jsxs)(`div`,{className:`field`,children:[(0,S.jsx)(`label`,{htmlFor:`${d}-price`,children:c(`market.observedPrice`)}),(0,S.jsx)(`input`,{id:`${d}-price`,name:`observedPrice`,inputMode:`decimal`,value:m.observedPrice,onChange:E(`observedPrice`)}),w(`observedPrice`)]}),(0,S.jsxs)(`div`,{className:`field`,children:[(0,S.jsx)(`label`,{htmlFor:`${d}-on`,children:c(`market.observedOn`)}),(0,S.jsx)(`input`,{id:`${d}-on`,name:`observedOn`,type:`date`,max:n,value:m.observedOn,onChange:E(`observedOn`)}),w(`observedOn`)]})]}),(0,S.jsxs)(`div`,{className:`field`,children:[(0,S.jsx)(`label`,{htmlFor:`${d}-note`,children:c(`market.note`)}),(0,S.jsx)(`textarea`,{id:`${d}-note`,name:`note`,rows:2,maxLength:2e3,value:m.note,onChange:E(`note`)}),w(`note`)]}),T.map((e,t)=>(0,S.jsx)(`p`,{className:`field-error`,role:`alert`,children:s(c,e,`market`)},t)),(0,S.jsxs)(`p`,{className:`actions-row`,children:[(0,S.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:v,children:c(`market.submit`)}),(0,S.jsx)(`span`,{role:`status`,className:`muted`,children:g?c(`market.submitted`):``})]})]})]})}function A({sent:e}){let{t,i18n:n}=i(),[{data:r,error:a},o]=d({query:T,variables:{}});(0,x.useEffect)(()=>{e&&o({requestPolicy:`network-only`})},[e,o]);let s=r?.priceObservations??[];return(0,S.jsxs)(`section`,{"aria-labelledby":`market-observations`,children:[(0,S.jsx)(`h2`,{id:`market-observations`,children:t(`market.observations`)}),a&&!r?(0,S.jsx)(h,{error:a}):r?s.length?(0,S.jsxs)(`table`,{className:`table observations`,children:[(0,S.jsx)(`thead`,{children:(0,S.jsxs)(`tr`,{children:[(0,S.jsx)(`th`,{scope:`col`,children:t(`market.product`)}),(0,S.jsx)(`th`,{scope:`col`,children:t(`market.territory`)}),(0,S.jsx)(`th`,{scope:`col`,children:t(`market.competitor`)}),(0,S.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.observedPrice`)}),(0,S.jsx)(`th`,{scope:`col`,className:`num`,children:t(`market.ourPrice`)}),(0,S.jsx)(`th`,{scope:`col`,children:t(`market.observedOn`)})]})}),(0,S.jsx)(`tbody`,{children:s.map((e,r)=>(0,S.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,S.jsxs)(`th`,{scope:`row`,"data-label":t(`market.product`),children:[p(e.product,n.language),` `,(0,S.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,S.jsx)(`td`,{"data-label":t(`market.territory`),children:p(e.territory,n.language)}),(0,S.jsx)(`td`,{"data-label":t(`market.competitor`),children:e.competitor}),(0,S.jsx)(`td`,{"data-label":t(`market.observedPrice`),className:`num money`,children:y(e.observedPrice,n.language)}),(0,S.jsx)(`td`,{"data-label":t(`market.ourPrice`),className:`num money`,children:e.ourPrice?y(e.ourPrice,n.language):`—`}),(0,S.jsx)(`td`,{"data-label":t(`market.observedOn`),children:b(e.observedOn,n.language)})]},r))})]}):(0,S.jsx)(_,{children:t(`market.noObservations`)}):(0,S.jsx)(g,{}),r&&s.length>0&&(0,S.jsx)(`p`,{className:`muted`,children:t(`market.anonymous`)})]})}function j({territories:e,products:t,staff:n,sent:a}){let{t:o,i18n:s}=i(),c=(0,x.useId)(),[l,u]=r(),f={territoryID:l.get(`territory`)||null,productID:l.get(`product`)||null,from:l.get(`from`)||null,to:l.get(`to`)||null},w=l.get(`after`),T=l.get(`before`),D={...f,...T?{last:C,before:T}:{first:C,after:w??null}},[{data:O,error:k,fetching:A},j]=d({query:E,variables:D});(0,x.useEffect)(()=>{a&&j({requestPolicy:`network-only`})},[a,j]);let M=e=>{let t={},n={territory:f.territoryID,product:f.productID,from:f.from,to:f.to,...e};for(let[e,r]of Object.entries(n))r&&(t[e]=r);u(t)},N=O?.marketReports,P=(N?.edges??[]).flatMap(e=>e?.node?[e.node]:[]);return(0,S.jsxs)(`section`,{"aria-labelledby":`market-reports`,children:[(0,S.jsx)(`h2`,{id:`market-reports`,children:o(n?`market.reports`:`market.yourReports`)}),n&&(0,S.jsxs)(`div`,{className:`filter`,children:[(0,S.jsx)(`label`,{htmlFor:`${c}-t`,children:o(`market.territory`)}),(0,S.jsxs)(`select`,{id:`${c}-t`,value:f.territoryID??``,onChange:e=>M({territory:e.target.value}),children:[(0,S.jsx)(`option`,{value:``,children:o(`market.allTerritories`)}),e.map(e=>(0,S.jsx)(`option`,{value:e.id,children:p(e,s.language)},e.id))]}),(0,S.jsx)(`label`,{htmlFor:`${c}-p`,children:o(`market.product`)}),(0,S.jsxs)(`select`,{id:`${c}-p`,value:f.productID??``,onChange:e=>M({product:e.target.value}),children:[(0,S.jsx)(`option`,{value:``,children:o(`market.allProducts`)}),t.map(e=>(0,S.jsx)(`option`,{value:e.id,children:p(e,s.language)},e.id))]}),(0,S.jsx)(`label`,{htmlFor:`${c}-from`,children:o(`market.from`)}),(0,S.jsx)(`input`,{id:`${c}-from`,type:`date`,value:f.from??``,onChange:e=>M({from:e.target.value})}),(0,S.jsx)(`label`,{htmlFor:`${c}-to`,children:o(`market.to`)}),(0,S.jsx)(`input`,{id:`${c}-to`,type:`date`,value:f.to??``,onChange:e=>M({to:e.target.value})})]}),A&&!O?(0,S.jsx)(g,{}):k&&!O?(0,S.jsx)(h,{error:k,onRetry:()=>j({requestPolicy:`network-only`})}):P.length?(0,S.jsxs)(S.Fragment,{children:[(0,S.jsx)(`p`,{className:`count`,children:o(`market.count`,{count:N?.totalCount??0})}),(0,S.jsxs)(`table`,{className:`table market-reports`,children:[(0,S.jsx)(`thead`,{children:(0,S.jsxs)(`tr`,{children:[(0,S.jsx)(`th`,{scope:`col`,children:o(`market.observedOn`)}),n&&(0,S.jsx)(`th`,{scope:`col`,children:o(`market.dealer`)}),(0,S.jsx)(`th`,{scope:`col`,children:o(`market.territory`)}),(0,S.jsx)(`th`,{scope:`col`,children:o(`market.product`)}),(0,S.jsx)(`th`,{scope:`col`,children:o(`market.competitor`)}),(0,S.jsx)(`th`,{scope:`col`,className:`num`,children:o(`market.observedPrice`)}),(0,S.jsx)(`th`,{scope:`col`,children:o(`market.reportedBy`)}),(0,S.jsx)(`th`,{scope:`col`,children:o(`market.note`)})]})}),(0,S.jsx)(`tbody`,{children:P.map(e=>(0,S.jsxs)(`tr`,{"data-competitor":e.competitor,children:[(0,S.jsx)(`th`,{scope:`row`,"data-label":o(`market.observedOn`),children:b(e.observedOn,s.language)}),n&&(0,S.jsx)(`td`,{"data-label":o(`market.dealer`),children:e.dealer.name}),(0,S.jsx)(`td`,{"data-label":o(`market.territory`),children:p(e.territory,s.language)}),(0,S.jsxs)(`td`,{"data-label":o(`market.product`),children:[p(e.product,s.language),` `,(0,S.jsx)(`span`,{className:`muted mono`,children:e.product.sku})]}),(0,S.jsx)(`td`,{"data-label":o(`market.competitor`),children:e.competitor}),(0,S.jsx)(`td`,{"data-label":o(`market.observedPrice`),className:`num money`,children:y(e.observedPrice,s.language)}),(0,S.jsxs)(`td`,{"data-label":o(`market.reportedBy`),children:[e.reportedByName,` `,(0,S.jsx)(`span`,{className:`muted`,children:v(e.reportedAt,s.language)})]}),(0,S.jsx)(`td`,{"data-label":o(`market.note`),children:e.note})]},e.id))})]}),N&&(0,S.jsx)(m,{pageInfo:N.pageInfo,onPage:e=>M({after:e.after,before:e.before})})]}):(0,S.jsx)(_,{children:o(`market.noReports`)})]})}export{O as Market,w as MarketOptionsQuery,E as MarketReportsQuery,T as PriceObservationsQuery,D as SubmitMarketReportMutation};